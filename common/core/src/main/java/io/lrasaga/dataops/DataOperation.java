package io.lrasaga.dataops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;

/**
 * One declarative data operation on an exposed entity, read from its JSON form and checked
 * against the entity's fields before anything is written:
 *
 * <pre>
 * {"operation": "update",
 *  "where": {"sku": {"$eq": "mug"}, "stock": {"$gte": 2}},
 *  "data":  {"stock": {"$decrement": 2}, "name": "Mug"}}
 * </pre>
 *
 * {@code where} maps fields to a value (meaning {@code $eq}) or to operators {@code $eq $ne $gt
 * $gte $lt $lte $in}, all of which must hold. {@code data} maps fields to a value (meaning
 * {@code $set}) or, in an update, to one of {@code $set $increment $decrement}. Insert and upsert
 * take no {@code where} (an upsert finds its record by the id in {@code data}); update and delete
 * need one (no operation ever touches every record by accident); delete takes no {@code data}.
 */
public record DataOperation(Kind operation, List<Condition> where, List<Assignment> data) {

    public enum Kind {
        INSERT, UPDATE, DELETE, UPSERT
    }

    public enum Comparison {
        EQ, NE, GT, GTE, LT, LTE, IN;

        String operator() {
            return "$" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code value} is a list for {@link Comparison#IN}, and may be null for EQ/NE (is null / is not null). */
    public record Condition(String field, Comparison comparison, Object value) {
    }

    public enum Change {
        SET, INCREMENT, DECREMENT;

        String operator() {
            return "$" + name().toLowerCase(Locale.ROOT);
        }
    }

    public record Assignment(String field, Change change, Object value) {

        /** The field's new value, given its current one. */
        public Object applyTo(Object current) {
            return switch (change) {
                case SET -> value;
                case INCREMENT -> plus(current, value, false);
                case DECREMENT -> plus(current, value, true);
            };
        }
    }


    private static final Set<String> MEMBERS = Set.of("operation", "where", "data");
    private static final String COMPARISONS = "$eq, $ne, $gt, $gte, $lt, $lte, $in";
    private static final String CHANGES = "$set, $increment, $decrement";

    /** An update or delete that matches nothing is a failed guard (409), not a success that did nothing. */
    public static ProblemException noMatch(String entity) {
        return new ProblemException(ProblemType.PRECONDITION_FAILED, "no " + entity + " matches the where clause");
    }

    /** Reads and checks the operation; every problem found is reported at once (400 validation). */
    public static DataOperation parse(JsonNode body, EntitySchema entity) {
        Parser parser = new Parser(entity);
        DataOperation operation = parser.parse(body);
        if (!parser.errors.isEmpty()) {
            throw new ProblemException(Problem.validation(parser.errors));
        }
        return operation;
    }

    private static final class Parser {
        private final EntitySchema entity;
        private final List<Problem.FieldError> errors = new ArrayList<>();

        Parser(EntitySchema entity) {
            this.entity = entity;
        }

        DataOperation parse(JsonNode body) {
            if (body == null || !body.isObject()) {
                error("body", "must be a JSON object with operation, where and data");
                return null;
            }
            body.fieldNames().forEachRemaining(name -> {
                if (!MEMBERS.contains(name)) {
                    error(name, "unknown property (use operation, where, data)");
                }
            });
            Kind kind = kind(body.get("operation"));
            JsonNode where = present(body.get("where"));
            JsonNode data = present(body.get("data"));
            if (kind == null) {
                return null;
            }
            List<Condition> conditions = List.of();
            switch (kind) {
                case INSERT, UPSERT -> {
                    if (where != null) {
                        error("where", kind == Kind.INSERT ? "an insert takes no where"
                                : "an upsert takes no where: it finds its record by data." + entity.idField());
                    }
                }
                case UPDATE, DELETE -> {
                    if (where == null || (where.isObject() && where.isEmpty())) {
                        error("where", "an " + kind.name().toLowerCase(Locale.ROOT)
                                + " needs a where naming the records it changes");
                    } else {
                        conditions = conditions(where);
                    }
                }
            }
            List<Assignment> assignments = List.of();
            if (kind == Kind.DELETE) {
                if (data != null) {
                    error("data", "a delete takes no data");
                }
            } else if (data == null || (data.isObject() && data.isEmpty())) {
                error("data", "must name at least one field");
            } else {
                assignments = assignments(kind, data);
            }
            return new DataOperation(kind, conditions, assignments);
        }

        private Kind kind(JsonNode node) {
            if (node == null || node.isNull()) {
                error("operation", "must be insert, update, delete or upsert");
                return null;
            }
            try {
                if (node.isTextual()) {
                    return Kind.valueOf(node.asText().toUpperCase(Locale.ROOT));
                }
            } catch (IllegalArgumentException unknown) {
                // reported below
            }
            error("operation", "must be insert, update, delete or upsert");
            return null;
        }

        private List<Condition> conditions(JsonNode where) {
            List<Condition> conditions = new ArrayList<>();
            if (!where.isObject()) {
                error("where", "must be an object of fields and conditions");
                return conditions;
            }
            for (Map.Entry<String, JsonNode> entry : fields(where)) {
                String field = entry.getKey();
                String path = "where." + field;
                if (!knownField(path, field)) {
                    continue;
                }
                JsonNode condition = entry.getValue();
                if (!isOperatorObject(condition)) {
                    if (condition.isObject() || condition.isArray()) {
                        error(path, "must be a value or an object of operators (" + COMPARISONS + ")");
                        continue;
                    }
                    conditions.add(new Condition(field, Comparison.EQ, value(path, field, condition)));
                    continue;
                }
                for (Map.Entry<String, JsonNode> operator : fields(condition)) {
                    Comparison comparison = comparison(operator.getKey());
                    if (comparison == null) {
                        error(path, "unknown operator " + operator.getKey() + " (use " + COMPARISONS + ")");
                        continue;
                    }
                    JsonNode operand = operator.getValue();
                    if (comparison == Comparison.IN) {
                        if (!operand.isArray() || operand.isEmpty()) {
                            error(path, "$in needs a non-empty array of values");
                            continue;
                        }
                        List<Object> values = new ArrayList<>();
                        operand.forEach(item -> values.add(value(path, field, item)));
                        conditions.add(new Condition(field, comparison, values));
                    } else if (operand.isNull() && comparison != Comparison.EQ && comparison != Comparison.NE) {
                        error(path, comparison.operator() + " needs a value");
                    } else {
                        conditions.add(new Condition(field, comparison, value(path, field, operand)));
                    }
                }
            }
            return conditions;
        }

        private List<Assignment> assignments(Kind kind, JsonNode data) {
            List<Assignment> assignments = new ArrayList<>();
            if (!data.isObject()) {
                error("data", "must be an object of fields and values");
                return assignments;
            }
            boolean idGiven = false;
            for (Map.Entry<String, JsonNode> entry : fields(data)) {
                String field = entry.getKey();
                String path = "data." + field;
                if (!knownField(path, field)) {
                    continue;
                }
                boolean isId = field.equals(entity.idField());
                idGiven |= isId;
                if (isId && kind == Kind.UPDATE) {
                    error(path, "the id of a record cannot be changed");
                    continue;
                }
                JsonNode value = entry.getValue();
                if (!isOperatorObject(value)) {
                    assignments.add(new Assignment(field, Change.SET, value(path, field, value)));
                    continue;
                }
                if (kind != Kind.UPDATE) {
                    error(path, "update operators (" + CHANGES + ") are for update only; give the value");
                    continue;
                }
                if (value.size() != 1) {
                    error(path, "exactly one of " + CHANGES);
                    continue;
                }
                Map.Entry<String, JsonNode> operator = value.fields().next();
                Change change = change(operator.getKey());
                if (change == null) {
                    error(path, "unknown update operator " + operator.getKey() + " (use " + CHANGES + ")");
                } else if (change == Change.SET) {
                    assignments.add(new Assignment(field, change, value(path, field, operator.getValue())));
                } else if (!isNumber(entity.fields().get(field))) {
                    error(path, change.operator() + " needs a numeric field");
                } else if (!operator.getValue().isNumber()) {
                    error(path, change.operator() + " needs a number");
                } else {
                    assignments.add(new Assignment(field, change, value(path, field, operator.getValue())));
                }
            }
            if (kind == Kind.UPSERT && !idGiven) {
                error("data." + entity.idField(), "an upsert needs the id of the record it inserts or updates");
            }
            return assignments;
        }

        private boolean knownField(String path, String field) {
            if (entity.fields().containsKey(field)) {
                return true;
            }
            error(path, "unknown field of " + entity.name() + " (fields: " + String.join(", ",
                    entity.fields().keySet()) + ")");
            return false;
        }

        private Object value(String path, String field, JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            try {
                return entity.convert(field, node);
            } catch (IllegalArgumentException wrong) {
                error(path, "expected a value of type " + typeName(entity.fields().get(field)));
                return null;
            }
        }

        private void error(String field, String message) {
            errors.add(new Problem.FieldError(field, message));
        }
    }

    private static boolean isOperatorObject(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return false;
        }
        return node.fieldNames().next().startsWith("$");
    }

    private static Comparison comparison(String operator) {
        for (Comparison c : Comparison.values()) {
            if (c.operator().equals(operator)) {
                return c;
            }
        }
        return null;
    }

    private static Change change(String operator) {
        for (Change c : Change.values()) {
            if (c.operator().equals(operator)) {
                return c;
            }
        }
        return null;
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            fields.add(it.next());
        }
        return fields;
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    static boolean isNumber(Class<?> type) {
        return type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class
                || type == short.class || type == double.class || type == float.class);
    }

    /** A field's type as the JSON a client must send. */
    public static String typeName(Class<?> type) {
        if (type == null) {
            return "unknown";
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class || type == BigInteger.class) {
            return "integer";
        }
        if (isNumber(type) || type == BigDecimal.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class || type.isEnum()) {
            return "string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "timestamp";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "object";
        }
        return type.getSimpleName();
    }

    /** Field name → JSON type name, for describing an entity. */
    public static Map<String, String> describe(EntitySchema entity) {
        Map<String, String> fields = new LinkedHashMap<>();
        entity.fields().forEach((name, type) -> fields.put(name, typeName(type)));
        return fields;
    }

    /** {@code current ± delta} in the field's own type. */
    private static Object plus(Object current, Object delta, boolean negate) {
        if (current == null) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "cannot change a field that has no value");
        }
        if (current instanceof BigDecimal value) {
            BigDecimal d = (BigDecimal) delta;
            return negate ? value.subtract(d) : value.add(d);
        }
        if (current instanceof BigInteger value) {
            BigInteger d = (BigInteger) delta;
            return negate ? value.subtract(d) : value.add(d);
        }
        if (current instanceof Double || current instanceof Float) {
            double result = ((Number) current).doubleValue() + (negate ? -1 : 1) * ((Number) delta).doubleValue();
            return current instanceof Float ? (Object) (float) result : (Object) result;
        }
        long d = ((Number) delta).longValue();
        long result;
        try {
            result = negate ? Math.subtractExact(((Number) current).longValue(), d)
                    : Math.addExact(((Number) current).longValue(), d);
            if (current instanceof Integer) {
                return Math.toIntExact(result);
            }
            if (current instanceof Short && result == (short) result) {
                return (short) result;
            }
            if (current instanceof Short) {
                throw new ArithmeticException("short overflow");
            }
            return result;
        } catch (ArithmeticException overflow) {
            throw new ProblemException(ProblemType.STORE_REFUSED, "the result is out of the field's range");
        }
    }

}
