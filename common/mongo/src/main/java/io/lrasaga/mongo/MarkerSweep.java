package io.lrasaga.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.unset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import com.mongodb.client.MongoCollection;

import jakarta.inject.Singleton;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

/**
 * Ends an LRA's writes document by document. Every change is conditional on the document still
 * carrying that LRA's marker in the state it was read in, so a sweep can run twice, run
 * concurrently with a late step of the same LRA, or resume after a crash, and each document is
 * still settled exactly once.
 */
@Singleton
class MarkerSweep {

    private final SagaCollections collections;

    MarkerSweep(SagaCollections collections) {
        this.collections = collections;
    }

    /**
     * Makes the LRA's writes final: deletes what it deleted, strips the marker from the rest.
     * {@code mayHaveDeleted} spares the delete command in a collection where the ledger says
     * the LRA deleted nothing (one command of the usual insert-only step).
     */
    void complete(String lraId, Collection<String> namespaces, Predicate<String> mayHaveDeleted) {
        for (String namespace : namespaces) {
            MongoCollection<BsonDocument> collection = collections.byNamespace(namespace);
            if (mayHaveDeleted.test(namespace)) {
                collection.deleteMany(and(eq(SagaMarker.LRA, lraId), eq(SagaMarker.OP, SagaMarker.DELETE)));
            }
            // Not "all of the LRA": a delete that lands between the two statements must stay marked,
            // to be deleted (not kept) by the late step's own sweep.
            collection.updateMany(and(eq(SagaMarker.LRA, lraId), ne(SagaMarker.OP, SagaMarker.DELETE)),
                    unset(SagaMarker.FIELD));
        }
    }

    /** Unlocks the LRA's documents and leaves their content as it is. */
    void release(String lraId, Collection<String> namespaces) {
        for (String namespace : namespaces) {
            collections.byNamespace(namespace).updateMany(eq(SagaMarker.LRA, lraId), unset(SagaMarker.FIELD));
        }
    }

    /**
     * Undoes the LRA's writes: deletes what it inserted, puts back the before-image of what it
     * updated or deleted. Answers the documents it could not undo (empty when all went back).
     */
    List<String> compensate(String lraId, Collection<String> namespaces) {
        List<String> failures = new ArrayList<>();
        for (String namespace : namespaces) {
            MongoCollection<BsonDocument> collection = collections.byNamespace(namespace);
            for (BsonDocument document : collection.find(eq(SagaMarker.LRA, lraId))) {
                if (!undo(collection, lraId, document)) {
                    failures.add(namespace + " " + SagaDocuments.show(document.get("_id"))
                            + " has no before-image to restore");
                }
            }
        }
        return failures;
    }

    private static boolean undo(MongoCollection<BsonDocument> collection, String lraId, BsonDocument document) {
        BsonValue id = document.get("_id");
        Bson mine = and(eq("_id", id), eq(SagaMarker.LRA, lraId));
        String op = SagaMarker.op(document);
        if (op == null) {
            // Only claimed: the content is unchanged. Unless the step changed it meanwhile, in
            // which case this does not match and the step's own check undoes the change.
            collection.updateOne(and(mine, exists(SagaMarker.OP, false)), unset(SagaMarker.FIELD));
            return true;
        }
        if (op.equals(SagaMarker.INSERT)) {
            collection.deleteOne(mine);
            return true;
        }
        BsonDocument before = SagaMarker.before(document);
        if (before == null) {
            return false;
        }
        collection.replaceOne(mine, before);
        return true;
    }
}
