package io.lrasaga.mongo;

import java.util.Map;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A query filter moved onto the before-images of marked documents: every field path gains the
 * prefix {@code _saga.before.}, so the committed view can select documents by what they held
 * before an in-flight LRA changed them. Operator values ({@code {$gt: 5}}, {@code $elemMatch})
 * stay as they are; only {@code $and}, {@code $or} and {@code $nor} are descended into.
 */
final class BeforeImageFilter {

    private static final Set<String> LOGICAL = Set.of("$and", "$or", "$nor");

    private BeforeImageFilter() {
    }

    static BsonDocument of(BsonDocument filter) {
        BsonDocument moved = new BsonDocument();
        for (Map.Entry<String, BsonValue> clause : filter.entrySet()) {
            String key = clause.getKey();
            if (LOGICAL.contains(key)) {
                BsonArray parts = new BsonArray();
                for (BsonValue part : clause.getValue().asArray()) {
                    parts.add(of(part.asDocument()));
                }
                moved.put(key, parts);
            } else if (key.equals("$comment")) {
                moved.put(key, clause.getValue());
            } else if (key.startsWith("$")) {
                // $expr, $where, $text see the whole document; they cannot be moved by renaming.
                throw new IllegalArgumentException("the committed view supports field filters with $and/$or/$nor, not "
                        + key);
            } else {
                moved.put(SagaMarker.BEFORE + "." + key, clause.getValue());
            }
        }
        return moved;
    }
}
