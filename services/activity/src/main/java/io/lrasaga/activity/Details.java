package io.lrasaga.activity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * An event's free-form details, as Jackson read them, made storable in BSON. Numbers too big
 * for a long, and decimals, arrive as BigInteger/BigDecimal, which BSON holds only as
 * Decimal128 (34 significant digits): one that would not fit exactly is refused, named,
 * rather than stored rounded or left to fail the insert with a 500. The same for what MongoDB
 * refuses or reads as an operator: names starting with '$' or holding '.' or NUL, and nesting
 * deeper than {@value #MAX_DEPTH} levels (MongoDB itself stops at 100).
 */
final class Details {

    static final int MAX_DEPTH = 16;

    private Details() {
    }

    static Document toDocument(Map<String, Object> details) {
        return (Document) storable("details", details, 0);
    }

    private static Object storable(String field, Object value, int depth) {
        if ((value instanceof Map || value instanceof List) && depth >= MAX_DEPTH) {
            throw new ProblemException(Problem.invalidField(field, "nested deeper than " + MAX_DEPTH + " levels"));
        }
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            map.forEach((name, nested) -> {
                String key = String.valueOf(name);
                if (key.startsWith("$") || key.indexOf('.') >= 0 || key.indexOf('\0') >= 0) {
                    throw new ProblemException(Problem.invalidField(field + "." + key,
                            "a name must not start with '$' or contain '.' or NUL"));
                }
                document.put(key, storable(field + "." + key, nested, depth + 1));
            });
            return document;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                items.add(storable(field + "[" + i + "]", list.get(i), depth + 1));
            }
            return items;
        }
        if (value instanceof BigInteger integer) {
            return decimal(field, new BigDecimal(integer));
        }
        if (value instanceof BigDecimal decimal) {
            return decimal(field, decimal);
        }
        return value;
    }

    private static Decimal128 decimal(String field, BigDecimal value) {
        try {
            return new Decimal128(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.invalidField(field,
                    "number cannot be stored exactly (at most 34 significant digits)"));
        }
    }
}
