package io.lrasaga.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique single-field index for the MongoDB wire server, kept in memory (rebuilt from the
 * documents when the server opens its file). mongo-java-server ignores every secondary index
 * ("not yet implemented"), so a query on anything but exactly {@code _id} read the whole
 * collection: settling a saga's documents by their marker ({@code _saga.lra}, which the
 * runtime indexes) cost time proportional to the collection, unlike on a real MongoDB.
 *
 * <p>It answers equality on its field with a plain value, whatever else the query asks (also
 * inside a top-level {@code $and}): the
 * server still matches every candidate against the whole query, so candidates only have to
 * include every match.
 */
final class MongoEqualityIndex<P> extends Index<P> {

    // value of the field -> (the document's _id -> its position in the collection)
    private final Map<KeyValue, Map<KeyValue, P>> positions = new HashMap<>();
    private long count;

    MongoEqualityIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        if (keys.size() != 1) {
            throw new IllegalArgumentException("one field only: " + keys);
        }
    }

    private String field() {
        return keys().get(0);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return equalTo(query, field()) != null;
    }

    /**
     * The value a query requires {@code field} to equal, at its top level or in a top-level
     * {@code $and} (the Java driver sends {@code Filters.and} as one); null if none.
     */
    static Object equalTo(Document query, String field) {
        Object value = query.get(field);
        if (plain(value)) {
            return value;
        }
        if (query.get("$and") instanceof Collection<?> all) {
            for (Object part : all) {
                if (part instanceof Document clause && plain(clause.get(field))) {
                    return clause.get(field);
                }
            }
        }
        return null;
    }

    /** A value equality compares as itself: not an operator document, a list, a regex or null. */
    private static boolean plain(Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof Collection<?>)
                && !BsonRegularExpression.isRegularExpression(value);
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Map<KeyValue, P> found = positions.get(new KeyValue(equalTo(query, field())).normalized());
        return found == null ? List.of() : new ArrayList<>(found.values());
    }

    @Override
    public P getPosition(Document document) {
        // Only unique indexes locate a single document.
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        KeyValue id = id(document);
        for (KeyValue value : values(document)) {
            if (positions.computeIfAbsent(value, v -> new LinkedHashMap<>()).put(id, position) == null) {
                count++;
            }
        }
    }

    @Override
    public synchronized P remove(Document document) {
        KeyValue id = id(document);
        P removed = null;
        for (KeyValue value : values(document)) {
            Map<KeyValue, P> ids = positions.get(value);
            if (ids == null) {
                continue;
            }
            P position = ids.remove(id);
            if (position != null) {
                removed = position;
                count--;
            }
            if (ids.isEmpty()) {
                positions.remove(value);
            }
        }
        return removed;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
            MongoCollection<P> collection) {
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    @Override
    public synchronized long getCount() {
        return count;
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void drop() {
        positions.clear();
        count = 0;
    }

    private Set<KeyValue> values(Document document) {
        if (isSparse() && !document.containsKey(field())) {
            return Set.of();
        }
        Set<KeyValue> values = new java.util.HashSet<>();
        for (KeyValue value : getKeyValues(document)) {
            values.add(value.normalized());
        }
        return values;
    }

    private static KeyValue id(Document document) {
        return new KeyValue(document.get("_id")).normalized();
    }
}
