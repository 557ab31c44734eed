package io.lrasaga.bench.stock.activity;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.mongodb.panache.PanacheMongoEntity;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** Something a user did in an order; {@code lraId} is null for the floor's uncoordinated orders. */
@MongoEntity(collection = "activity_events")
public class ActivityEvent extends PanacheMongoEntity {

    public String userId;
    public String type;
    public String orderId;
    public BigDecimal total;
    public String lraId;
    public Instant createdAt;
}
