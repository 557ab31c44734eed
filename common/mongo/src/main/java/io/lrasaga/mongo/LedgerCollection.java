package io.lrasaga.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;

import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;

/**
 * The {@code lra_saga_ledger} collection: one document per LRA ({@code _id} = LRA id) with its
 * {@code status}, {@code reason}, {@code createdAt}, {@code updatedAt} and the
 * {@code collections} its writes went to. Every change is one atomic single-document write, so
 * concurrent steps and callbacks of one LRA see a single, ordered history.
 */
@Singleton
class LedgerCollection {

    static final String NAME = "lra_saga_ledger";

    /**
     * {@code reason} is null unless the status is a failure that recorded one;
     * {@code deletesIn} is null for an entry written before deletes were recorded (any
     * collection may then hold the LRA's deletes).
     */
    record Entry(ParticipantStatus status, List<String> collections, String reason, Set<String> deletesIn) {

        /** Whether the LRA may have marked documents of {@code namespace} deleted. */
        boolean mayHaveDeleted(String namespace) {
            return deletesIn == null || deletesIn.contains(namespace);
        }
    }

    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);
    private static final FindOneAndUpdateOptions UPSERT_AFTER = new FindOneAndUpdateOptions().upsert(true)
            .returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> ledger;

    LedgerCollection(MongoClient client, SagaMongoConfig config) {
        this.ledger = client.getDatabase(config.database()).getCollection(NAME);
    }

    /**
     * Records that the LRA writes to {@code namespace} (and whether it deletes there) — before
     * it does, so an ending finds the write — and answers the LRA's status here, creating the
     * entry Active on its first write.
     */
    ParticipantStatus begin(String lraId, String namespace, boolean delete) {
        Bson change = addToSet("collections", namespace);
        if (delete) {
            change = combine(change, addToSet("deletesIn", namespace));
        }
        return upsert(lraId, change).status();
    }

    Optional<Entry> find(String lraId) {
        return Optional.ofNullable(ledger.find(eq("_id", lraId)).first()).map(LedgerCollection::entry);
    }

    /**
     * Moves the LRA to {@code to} if its status is one of {@code from}, and answers the entry as
     * it is afterwards: when it does not show {@code to}, another ending was recorded first.
     * {@code reason} says why a failed status was reached (null otherwise).
     */
    Entry transition(String lraId, Set<ParticipantStatus> from, ParticipantStatus to, String reason) {
        Bson when = and(eq("_id", lraId), in("status", from.stream().map(Enum::name).toList()));
        Bson move = combine(set("status", to.name()), set("reason", reason), set("updatedAt", new Date()));
        // One command when the entry is there in one of the expected states (every regular ending)
        Document moved = ledger.findOneAndUpdate(when, move, AFTER);
        if (moved != null) {
            return entry(moved);
        }
        // An ending before any write here has no entry yet: it starts Active, so a late step sees the end
        Entry current = upsert(lraId, null);
        if (!from.contains(current.status())) {
            return current;
        }
        moved = ledger.findOneAndUpdate(when, move, AFTER);
        return moved != null ? entry(moved) : find(lraId).orElseThrow();
    }

    /** Deletes the entry if the LRA failed here; the forgotten entry, or empty. */
    Optional<Entry> forgetFailed(String lraId) {
        Document forgotten = ledger.findOneAndDelete(and(eq("_id", lraId), in("status",
                List.of(ParticipantStatus.FailedToCompensate.name(), ParticipantStatus.FailedToComplete.name()))));
        return Optional.ofNullable(forgotten).map(LedgerCollection::entry);
    }

    private Entry upsert(String lraId, Bson change) {
        Date now = new Date();
        List<Bson> updates = new ArrayList<>(List.of(setOnInsert("status", ParticipantStatus.Active.name()),
                setOnInsert("createdAt", now), setOnInsert("updatedAt", now), setOnInsert("recordsDeletes", true)));
        if (change != null) {
            updates.add(change);
        }
        try {
            return entry(ledger.findOneAndUpdate(eq("_id", lraId), combine(updates), UPSERT_AFTER));
        } catch (MongoWriteException | MongoCommandException e) {
            // Two first writes of one LRA raced and the other inserted; now it is a plain update.
            if (ErrorCategory.fromErrorCode(code(e)) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return entry(ledger.findOneAndUpdate(eq("_id", lraId), combine(updates), UPSERT_AFTER));
        }
    }

    private static int code(RuntimeException e) {
        return e instanceof MongoWriteException write ? write.getError().getCode()
                : ((MongoCommandException) e).getErrorCode();
    }

    private static Entry entry(Document document) {
        List<String> collections = document.getList("collections", String.class);
        List<String> deletesIn = document.getList("deletesIn", String.class);
        return new Entry(ParticipantStatus.valueOf(document.getString("status")),
                collections == null ? List.of() : List.copyOf(collections), document.getString("reason"),
                !document.getBoolean("recordsDeletes", false) ? null
                        : deletesIn == null ? Set.of() : Set.copyOf(deletesIn));
    }
}
