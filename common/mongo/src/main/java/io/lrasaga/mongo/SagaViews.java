package io.lrasaga.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;

import jakarta.inject.Singleton;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.conversions.Bson;

/**
 * Reads of entities written through {@link SagaDocuments}, in one of two views:
 * <ul>
 * <li>{@link #current}: the documents as they are now, in-flight sagas' inserts and updates
 * included (read-your-writes for a saga, and what a feed shows while a saga runs), but never a
 * document a saga has deleted, even before that saga completes.</li>
 * <li>{@link #committed}: only what no in-flight saga can still take back — a document an
 * in-flight saga inserted is hidden, one it updated or deleted is shown as it was before (its
 * before-image), so a reader never sees a provisional write, including its own saga's.</li>
 * </ul>
 * Filters are ordinary MongoDB query filters on the entity's fields. In the committed view they
 * are matched against the before-image where there is one; filters that see the whole document
 * ({@code $expr}, {@code $where}, {@code $text}) are refused there.
 */
@Singleton
public class SagaViews {

    private final SagaCollections collections;

    SagaViews(SagaCollections collections) {
        this.collections = collections;
    }

    /** The document with this id in the current view. */
    public <T> Optional<T> findById(Class<T> type, Object id) {
        return current(type, eq("_id", id), null).stream().findFirst();
    }

    /** The current view; {@code sort} may be null. */
    public <T> List<T> current(Class<T> type, Bson filter, Bson sort) {
        MongoCollection<?> typed = collections.of(type).typed();
        return typed.find(and(filter, ne(SagaMarker.OP, SagaMarker.DELETE)), type).sort(sort)
                .into(new ArrayList<>());
    }

    /** The committed view, in no particular order (a before-image cannot be sorted on by the server). */
    public <T> List<T> committed(Class<T> type, Bson filter) {
        SagaCollections.Target target = collections.of(type);
        BsonDocument onContent = filter.toBsonDocument(BsonDocument.class, target.typed().getCodecRegistry());
        Bson query = or(
                // Settled, or only claimed: the content is the committed one.
                and(exists(SagaMarker.FIELD, false), onContent),
                and(exists(SagaMarker.FIELD, true), exists(SagaMarker.OP, false), onContent),
                // Changed by an in-flight saga: judged, and shown, by the before-image.
                and(in(SagaMarker.OP, SagaMarker.UPDATE, SagaMarker.DELETE), BeforeImageFilter.of(onContent)));
        Codec<T> codec = target.typed().getCodecRegistry().get(type);
        List<T> found = new ArrayList<>();
        for (BsonDocument document : target.raw().find(query)) {
            BsonDocument image = SagaMarker.op(document) == null ? SagaMarker.stripped(document)
                    : SagaMarker.before(document);
            if (image != null) {
                found.add(codec.decode(new BsonDocumentReader(image), DecoderContext.builder().build()));
            }
        }
        return found;
    }
}
