package io.lrasaga.mongo;

import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;

/**
 * The field a saga's write leaves on a document until its LRA ends:
 * {@code _saga: {lra, op: insert|update|delete, before: <the document before the LRA first
 * wrote it, or null for an insert>}}. It is written in the same single-document write as the
 * change it describes, so the document alone tells how to undo it; and while it is there, the
 * document is locked for every other writer (the semantic lock).
 *
 * <p>A marker with {@code lra} but no {@code op} is a claim: the LRA locked the document but has
 * not changed it yet, so its content is still the committed one.
 */
final class SagaMarker {

    static final String FIELD = "_saga";
    static final String LRA = FIELD + ".lra";
    static final String OP = FIELD + ".op";
    static final String BEFORE = FIELD + ".before";

    static final String INSERT = "insert";
    static final String UPDATE = "update";
    static final String DELETE = "delete";

    private SagaMarker() {
    }

    static BsonDocument of(String lra, String op, BsonDocument before) {
        return new BsonDocument("lra", new BsonString(lra))
                .append("op", new BsonString(op))
                .append("before", before == null ? BsonNull.VALUE : before);
    }

    /** The marker's operation; null for a document that is unmarked or only claimed. */
    static String op(BsonDocument document) {
        BsonDocument marker = marker(document);
        return marker == null || !marker.isString("op") ? null : marker.getString("op").getValue();
    }

    /** The committed content a marked document had before its LRA changed it; null after an insert. */
    static BsonDocument before(BsonDocument document) {
        BsonDocument marker = marker(document);
        return marker != null && marker.isDocument("before") ? marker.getDocument("before") : null;
    }

    static BsonDocument marker(BsonDocument document) {
        return document.isDocument(FIELD) ? document.getDocument(FIELD) : null;
    }

    /** The document as the business code sees it: without the marker. */
    static BsonDocument stripped(BsonDocument document) {
        BsonDocument copy = document.clone();
        copy.remove(FIELD);
        return copy;
    }
}
