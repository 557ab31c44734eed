package io.lrasaga.launcher;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A single-field unique index of the MongoDB wire server (above all {@code _id}) that also
 * answers queries asking more than that field: mongo-java-server uses an index only for a
 * query on exactly its keys, so {@code {_id: x, status: {$in: [...]}}} — a compare-and-set on
 * one document, as the participant ledger does — read the whole collection. The document
 * with that key is the only candidate; the server still matches it against the whole query.
 */
final class MongoUniqueLookup<P> extends Index<P> {

    private final Index<P> unique;
    private final String field;

    /** {@code unique}: a unique index on one field that is not sparse. */
    MongoUniqueLookup(Index<P> unique) {
        super(unique.getName(), unique.getKeys(), false);
        if (unique.getKeys().size() != 1) {
            throw new IllegalArgumentException("one field only: " + unique.getKeys());
        }
        this.unique = unique;
        this.field = unique.getKeys().get(0).getKey();
    }

    @Override
    public boolean canHandle(Document query) {
        return unique.canHandle(query) || MongoEqualityIndex.equalTo(query, field) != null;
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return unique.canHandle(query) ? unique.getPositions(query)
                : unique.getPositions(new Document(field, MongoEqualityIndex.equalTo(query, field)));
    }

    @Override
    public P getPosition(Document document) {
        return unique.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        unique.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        unique.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return unique.remove(document);
    }

    @Override
    public long getCount() {
        return unique.getCount();
    }

    @Override
    public long getDataSize() {
        return unique.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        unique.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        unique.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public void drop() {
        unique.drop();
    }
}
