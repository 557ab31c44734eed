package io.lrasaga.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import java.util.List;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;

import io.lrasaga.participant.SagaConflictException;
import io.lrasaga.participant.SagaContext;
import io.lrasaga.participant.SagaMetrics;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.inject.Singleton;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.BsonValue;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;

/**
 * Inserts, updates and deletes of MongoDB Panache entities that a saga can undo. Inside a
 * {@link io.lrasaga.participant.Compensable} step each write carries the step's LRA and the
 * document's before-image in a {@code _saga} marker ({@link SagaMarker}) set by the same
 * single-document write; the LRA's completion strips the markers (and removes what it deleted),
 * its compensation deletes what it inserted and puts the before-images back. No multi-document
 * transaction is involved anywhere.
 *
 * <p>Isolation: a marked document is locked for everyone but its LRA. Writing it from another
 * saga, or outside any saga, throws {@link SagaConflictException} (409 saga-conflict); the
 * check is part of the write's own filter, so check and write are one atomic operation. Inside
 * a saga, a delete only marks the document (reads hide it) until the LRA completes, so that
 * compensation can bring it back.
 *
 * <p>An update or delete is two single-document writes: a claim that only sets the marker's LRA
 * and returns the document as it was (so the before-image is read and locked atomically), then
 * the change together with the full marker. In between the document is locked and unchanged;
 * a claim left behind by a failure is released when the LRA ends.
 *
 * <p>Race with the LRA's end: a step first records in the ledger that it writes to this
 * collection, which also refuses the step (412 lra-not-active) if its LRA has already ended
 * here; after its write it reads the ledger again. If an ending overtook the step in between,
 * the ending's sweep may have missed the write, so the step settles it itself the way the LRA
 * ended: a compensated LRA's late write is undone and the step answers 412 lra-not-active, a
 * completed LRA's late write is made final. Both sweeps only touch documents still marked by
 * that LRA, so running them twice is harmless.
 *
 * <p>Entities need no base class and no marker field: the marker lives only in the stored
 * document, the entity codec skips it when reading, so it never reaches the entity or its JSON.
 * Entities of the default MongoDB client only. Write them only through this bean while sagas
 * may hold them: a plain {@code entity.update()} would replace the marker and break the lock.
 */
@Singleton
public class SagaDocuments {

    private static final FindOneAndUpdateOptions RETURN_BEFORE = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.BEFORE);

    private final SagaCollections collections;
    private final LedgerCollection ledger;
    private final MarkerSweep sweep;
    private final SagaMetrics metrics;

    SagaDocuments(SagaCollections collections, LedgerCollection ledger, MarkerSweep sweep, SagaMetrics metrics) {
        this.collections = collections;
        this.ledger = ledger;
        this.sweep = sweep;
        this.metrics = metrics;
    }

    /**
     * Inserts the entity (assigning its generated id, and its own defaults if it has
     * {@link InsertDefaults}); a saga's insert is deleted by compensation.
     */
    public <T> T insert(T entity) {
        SagaCollections.Target target = collections.of(entity.getClass());
        Optional<String> lra = currentLra();
        if (entity instanceof InsertDefaults defaults) {
            defaults.beforeInsert(lra);
        }
        BsonDocument document = encode(target, entity);
        if (lra.isEmpty()) {
            insertNew(target, document);
            return entity;
        }
        begin(lra.get(), target, false);
        document.put(SagaMarker.FIELD, SagaMarker.of(lra.get(), SagaMarker.INSERT, null));
        insertNew(target, document);
        settleIfOvertaken(lra.get(), target);
        return entity;
    }

    /**
     * Replaces the stored document with the entity. A saga keeps the document's first
     * before-image, however often it updates it. Throws 404 not-found if there is no such
     * document (or this saga deleted it), 409 saga-conflict if another saga holds it.
     */
    public <T> T update(T entity) {
        SagaCollections.Target target = collections.of(entity.getClass());
        BsonDocument document = encode(target, entity);
        BsonValue id = idOf(entity, document);
        Optional<String> lra = currentLra();
        if (lra.isEmpty()) {
            if (target.raw().replaceOne(and(eq("_id", id), exists(SagaMarker.FIELD, false)), document)
                    .getMatchedCount() == 0) {
                throw conflictOrMissing(target, id);
            }
            return entity;
        }
        begin(lra.get(), target, false);
        BsonDocument before = claim(target, id, lra.get());
        String priorOp = SagaMarker.op(before);
        if (SagaMarker.DELETE.equals(priorOp)) {
            throw notFound(target, id);
        }
        String op = SagaMarker.INSERT.equals(priorOp) ? SagaMarker.INSERT : SagaMarker.UPDATE;
        document.put(SagaMarker.FIELD, SagaMarker.of(lra.get(), op, committedImage(before)));
        writeClaimed(lra.get(), target, id,
                () -> target.raw().replaceOne(mine(id, lra.get()), document).getMatchedCount());
        return entity;
    }

    /**
     * Deletes the entity's document; false if there was none. Inside a saga the document is
     * only marked deleted (hidden from reads) until the LRA completes; one the saga inserted
     * itself is removed at once. 409 saga-conflict if another saga holds it.
     */
    public boolean delete(Object entity) {
        SagaCollections.Target target = collections.of(entity.getClass());
        BsonValue id = idOf(entity, encode(target, entity));
        Optional<String> lra = currentLra();
        if (lra.isEmpty()) {
            if (target.raw().deleteOne(and(eq("_id", id), exists(SagaMarker.FIELD, false))).getDeletedCount() == 0) {
                if (target.raw().countDocuments(eq("_id", id)) > 0) {
                    throw conflict(target, id);
                }
                return false;
            }
            return true;
        }
        begin(lra.get(), target, true);
        BsonDocument before = claim(target, id, lra.get());
        String priorOp = SagaMarker.op(before);
        if (SagaMarker.DELETE.equals(priorOp)) {
            return false;
        }
        if (SagaMarker.INSERT.equals(priorOp)) {
            // Nothing to bring back on compensation, nothing to finish on completion.
            writeClaimed(lra.get(), target, id, () -> target.raw().deleteOne(mine(id, lra.get())).getDeletedCount());
            return true;
        }
        BsonDocument image = committedImage(before);
        writeClaimed(lra.get(), target, id, () -> target.raw().updateOne(mine(id, lra.get()),
                combine(set(SagaMarker.OP, SagaMarker.DELETE), set(SagaMarker.BEFORE, image))).getMatchedCount());
        return true;
    }

    private static Optional<String> currentLra() {
        return SagaContext.current().flatMap(SagaContext::lraId);
    }

    private void begin(String lraId, SagaCollections.Target target, boolean delete) {
        ParticipantStatus status = ledger.begin(lraId, target.namespace(), delete);
        if (status != ParticipantStatus.Active) {
            throw new ProblemException(ProblemType.LRA_NOT_ACTIVE, "the LRA has already ended here (" + status + ")");
        }
    }

    /**
     * Locks the document for the LRA without changing its content (a marker with no op) and
     * answers it as it was, so the before-image is read and locked in one atomic operation.
     */
    private BsonDocument claim(SagaCollections.Target target, BsonValue id, String lraId) {
        BsonDocument before = target.raw().findOneAndUpdate(
                and(eq("_id", id), or(exists(SagaMarker.FIELD, false), eq(SagaMarker.LRA, lraId))),
                set(SagaMarker.LRA, lraId), RETURN_BEFORE);
        if (before == null) {
            throw conflictOrMissing(target, id);
        }
        return before;
    }

    private interface ClaimedWrite {
        long matched();
    }

    /** The write of a claimed document; it matches nothing if the LRA's end released the claim. */
    private void writeClaimed(String lraId, SagaCollections.Target target, BsonValue id, ClaimedWrite write) {
        long matched;
        try {
            matched = write.matched();
        } catch (RuntimeException failed) {
            // Whatever happened, an ended LRA must not keep the claim locked.
            settleIfOvertaken(lraId, target);
            throw failed;
        }
        ParticipantStatus status = settleIfOvertaken(lraId, target);
        if (matched == 0) {
            // The claim is gone: released by the LRA's end, or removed by a writer bypassing this API.
            if (status != ParticipantStatus.Active) {
                throw new ProblemException(ProblemType.LRA_NOT_ACTIVE,
                        "the LRA ended here (" + status + ") while this step ran");
            }
            throw conflict(target, id);
        }
    }

    /**
     * After a write: if the LRA ended meanwhile, the write follows its outcome (see the class
     * doc); a compensated LRA's step is refused. Answers the LRA's status here.
     */
    private ParticipantStatus settleIfOvertaken(String lraId, SagaCollections.Target target) {
        ParticipantStatus status = ledger.find(lraId).map(LedgerCollection.Entry::status)
                .orElse(ParticipantStatus.Active);
        switch (status) {
            case Active -> {
                return status;
            }
            case Completing, Completed -> {
                sweep.complete(lraId, List.of(target.namespace()), namespace -> true);
                return status;
            }
            default -> {
                sweep.compensate(lraId, List.of(target.namespace()));
                throw new ProblemException(ProblemType.LRA_NOT_ACTIVE,
                        "the LRA ended here (" + status + ") while this step ran; its write was undone");
            }
        }
    }

    private static Bson mine(BsonValue id, String lraId) {
        return and(eq("_id", id), eq(SagaMarker.LRA, lraId));
    }

    /** What compensation restores: the first before-image of the LRA, or the document itself if unchanged. */
    private static BsonDocument committedImage(BsonDocument before) {
        if (SagaMarker.op(before) == null) {
            return SagaMarker.stripped(before);
        }
        return SagaMarker.before(before);
    }

    private void insertNew(SagaCollections.Target target, BsonDocument document) {
        try {
            target.raw().insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            BsonValue id = document.get("_id");
            BsonDocument existing = target.raw().find(eq("_id", id)).first();
            if (existing != null && SagaMarker.marker(existing) != null
                    && !SagaMarker.marker(existing).getString("lra").getValue().equals(currentLra().orElse(""))) {
                throw conflict(target, id);
            }
            throw new ProblemException(ProblemType.ALREADY_EXISTS, simpleName(target) + " " + show(id)
                    + " already exists");
        }
    }

    private RuntimeException conflictOrMissing(SagaCollections.Target target, BsonValue id) {
        return target.raw().countDocuments(eq("_id", id)) > 0 ? conflict(target, id) : notFound(target, id);
    }

    private SagaConflictException conflict(SagaCollections.Target target, BsonValue id) {
        metrics.conflict();
        return new SagaConflictException(target.namespace(), show(id));
    }

    private static ProblemException notFound(SagaCollections.Target target, BsonValue id) {
        return new ProblemException(ProblemType.NOT_FOUND, simpleName(target) + " " + show(id) + " does not exist");
    }

    @SuppressWarnings("unchecked")
    private static BsonDocument encode(SagaCollections.Target target, Object entity) {
        Codec<Object> codec = (Codec<Object>) target.typed().getCodecRegistry().get(entity.getClass());
        BsonDocument document = new BsonDocument();
        // As a collectible document, the entity codec generates a missing id and sets it on the entity.
        codec.encode(new BsonDocumentWriter(document), entity,
                EncoderContext.builder().isEncodingCollectibleDocument(true).build());
        return document;
    }

    private static BsonValue idOf(Object entity, BsonDocument document) {
        BsonValue id = document.get("_id");
        if (id == null || id.isNull()) {
            throw new IllegalArgumentException(entity.getClass().getName() + " has no id to write by");
        }
        return id;
    }

    private static String simpleName(SagaCollections.Target target) {
        return target.typed().getNamespace().getCollectionName();
    }

    /** A document id as people write it (an ObjectId's hex, a string without quotes). */
    static String show(BsonValue id) {
        if (id.isString()) {
            return id.asString().getValue();
        }
        return id.isObjectId() ? id.asObjectId().getValue().toHexString() : id.toString();
    }
}
