package io.lrasaga.activity;

import java.time.Instant;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.quarkus.mongodb.panache.PanacheMongoEntity;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.panache.common.Sort;
import org.bson.Document;

/**
 * Something a user did within an order's LRA: PENDING while the saga runs, DONE once it
 * closed; deleted if the saga is compensated. Every write is a single-document insert or one
 * multi-document update/delete by {@code lraId}, each safe to repeat: the store has no
 * multi-document transactions.
 */
@MongoEntity(collection = "activity_events")
public class ActivityEvent extends PanacheMongoEntity {

    public enum State {
        PENDING, DONE
    }

    public String userId;
    public String type;
    public String orderId;
    /** Free-form, as the client sent it; a Document so any JSON shape round-trips through BSON. */
    public Document details;
    public Instant createdAt;
    public String lraId;
    public State state;

    static ActivityEvent pending(String lraId, String userId, String type, String orderId, Document details) {
        ActivityEvent event = new ActivityEvent();
        event.lraId = lraId;
        event.userId = userId;
        event.type = type;
        event.orderId = orderId;
        event.details = details;
        event.createdAt = Instant.now();
        event.state = State.PENDING;
        return event;
    }

    /** Oldest first; the id breaks ties between events recorded in the same instant. */
    static List<ActivityEvent> ofUser(String userId) {
        return list("userId", Sort.ascending("createdAt", "_id"), userId);
    }

    static void markDone(String lraId) {
        mongoCollection().updateMany(Filters.eq("lraId", lraId), Updates.set("state", State.DONE.name()));
    }

    static void deleteOfLra(String lraId) {
        delete("lraId", lraId);
    }

    static boolean anyOfLra(String lraId) {
        return count("lraId", lraId) > 0;
    }
}
