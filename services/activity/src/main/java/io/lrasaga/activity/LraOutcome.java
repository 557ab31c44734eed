package io.lrasaga.activity;

import java.time.Instant;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * How an LRA ended for this service. Compensation deletes the LRA's events, so without this
 * record a status query after compensation could not tell "compensated" from "never joined".
 * Written after the change it reports, so it never claims more than was done.
 */
@MongoEntity(collection = "activity_lra_outcomes")
public class LraOutcome extends PanacheMongoEntityBase {

    public enum Outcome {
        COMPLETED, COMPENSATED
    }

    @BsonId
    public String id;
    public Outcome outcome;
    public Instant endedAt;

    /** The first ending stands: a repeated callback changes neither the outcome nor its time. */
    static void record(String lraId, Outcome outcome) {
        try {
            mongoCollection().updateOne(Filters.eq("_id", lraId),
                    Updates.combine(Updates.setOnInsert("outcome", outcome.name()),
                            Updates.setOnInsert("endedAt", Instant.now())),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // Two upserts raced and the other inserted first; its record stands.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
