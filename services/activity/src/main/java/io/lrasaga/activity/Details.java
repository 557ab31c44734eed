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
 * rather than stored rounded or left to fail the insert with a 500.
 */
final class Details {

    private Details() {
    }

    static Document toDocument(Map<String, Object> details) {
        return (Document) storable("details", details);
    }

    private static Object storable(String field, Object value) {
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            map.forEach((name, nested) -> document.put(String.valueOf(name), storable(field + "." + name, nested)));
            return document;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                items.add(storable(field + "[" + i + "]", list.get(i)));
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
