package io.lrasaga.activity;

import java.time.Instant;
import java.util.Optional;

import io.lrasaga.mongo.InsertDefaults;
import io.quarkus.mongodb.panache.PanacheMongoEntity;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.Document;

/**
 * Something a user did within an order's LRA. Written only through lra-saga's
 * {@code SagaDocuments}, which keeps it provisional (marked with its LRA) until the saga closes
 * and deletes it if the saga is compensated. One inserted by a declarative transaction gets its
 * LRA and creation time as one recorded through {@code POST /events} does.
 */
@MongoEntity(collection = "activity_events")
public class ActivityEvent extends PanacheMongoEntity implements InsertDefaults {

    public String userId;
    public String type;
    public String orderId;
    /** Free-form, as the client sent it; a Document so any JSON shape round-trips through BSON. */
    public Document details;
    public Instant createdAt;
    /** The LRA the event was recorded in. */
    public String lraId;

    static ActivityEvent of(String lraId, String userId, String type, String orderId, Document details) {
        ActivityEvent event = new ActivityEvent();
        event.lraId = lraId;
        event.userId = userId;
        event.type = type;
        event.orderId = orderId;
        event.details = details;
        return event;
    }

    @Override
    public void beforeInsert(Optional<String> lra) {
        if (lraId == null) {
            lraId = lra.orElse(null);
        }
        if (createdAt == null) {
            createdAt = Instant.now();
        }
    }
}
