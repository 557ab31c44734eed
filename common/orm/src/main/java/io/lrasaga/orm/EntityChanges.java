package io.lrasaga.orm;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hibernate.type.Type;

/**
 * What a write changed, as JSON the ledger can keep and a compensation can read back: the
 * changed properties of an update (old and new value, or the delta of a {@link Commutative}
 * one) and the full state of a deleted row.
 */
final class EntityChanges {

    /** One changed property: its old and new value, and whether it is undone as a delta. */
    record Change(String property, JsonNode oldValue, JsonNode newValue, JsonNode delta) {
        boolean commutative() {
            return delta != null;
        }
    }

    // Decimals must come back exactly: money undone through a double would create or lose cents.
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Map<Class<?>, Map<String, Boolean>> COMMUTATIVE = new ConcurrentHashMap<>();

    private EntityChanges() {
    }

    static ObjectMapper json() {
        return JSON;
    }

    static String id(Object id) {
        return write(JSON.valueToTree(id));
    }

    /** The properties an update changed; collections are left to their own entity writes. */
    static List<Change> diff(Class<?> entityClass, Object[] previous, Object[] current, String[] names, Type[] types) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (types[i].isCollectionType() || same(previous[i], current[i])) {
                continue;
            }
            rejectAssociation(entityClass, names[i], types[i]);
            JsonNode delta = isCommutative(entityClass, names[i]) ? JSON.valueToTree(subtract(current[i], previous[i]))
                    : null;
            changes.add(new Change(names[i], JSON.valueToTree(previous[i]), JSON.valueToTree(current[i]), delta));
        }
        return changes;
    }

    static String changesJson(List<Change> changes) {
        ObjectNode node = JSON.createObjectNode();
        for (Change change : changes) {
            ObjectNode c = node.putObject(change.property());
            c.set("old", change.oldValue());
            c.set("new", change.newValue());
            if (change.delta() != null) {
                c.set("delta", change.delta());
            }
        }
        return write(node);
    }

    static List<Change> readChanges(String json) {
        List<Change> changes = new ArrayList<>();
        JsonNode node = read(json);
        node.fields().forEachRemaining(field -> changes.add(new Change(field.getKey(), field.getValue().get("old"),
                field.getValue().get("new"), field.getValue().get("delta"))));
        return changes;
    }

    /** The whole row of a delete, to insert it again on compensation. */
    static String stateJson(Class<?> entityClass, Object[] state, String[] names, Type[] types) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (types[i].isCollectionType()) {
                continue;
            }
            rejectAssociation(entityClass, names[i], types[i]);
            row.put(names[i], state[i]);
        }
        return write(JSON.valueToTree(row));
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable undo entry: " + json, e);
        }
    }

    static <T> T value(JsonNode node, Class<T> type) {
        try {
            return node == null || node.isNull() ? null : JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + node + " as " + type.getName(), e);
        }
    }

    static boolean isCommutative(Class<?> entityClass, String property) {
        return COMMUTATIVE.computeIfAbsent(entityClass, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(property, p -> {
                    Field field = field(entityClass, p);
                    return field != null && field.isAnnotationPresent(Commutative.class);
                });
    }

    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return java.util.Objects.equals(a, b);
    }

    /** {@code a - b} for the numeric types a commutative field may have. */
    static Object subtract(Object a, Object b) {
        if (a instanceof BigDecimal x) {
            return x.subtract((BigDecimal) b);
        }
        if (a instanceof BigInteger x) {
            return x.subtract((BigInteger) b);
        }
        if (a instanceof Long || a instanceof Integer || a instanceof Short) {
            return ((Number) a).longValue() - ((Number) b).longValue();
        }
        throw new IllegalStateException("@Commutative supports int, long, short, BigInteger and BigDecimal, not "
                + (a == null ? "null" : a.getClass().getName()));
    }

    /** {@code value - delta}, in the property's own type. */
    static Object minus(Object value, JsonNode delta, Class<?> type) {
        if (type == BigDecimal.class) {
            return ((BigDecimal) value).subtract(delta.decimalValue());
        }
        if (type == BigInteger.class) {
            return ((BigInteger) value).subtract(delta.bigIntegerValue());
        }
        long result = ((Number) value).longValue() - delta.longValue();
        if (type == Integer.class || type == int.class) {
            return Math.toIntExact(result);
        }
        if (type == Short.class || type == short.class) {
            return (short) result;
        }
        return result;
    }

    private static void rejectAssociation(Class<?> entityClass, String property, Type type) {
        if (type.isAssociationType()) {
            throw new IllegalStateException("lra-saga cannot compensate the association " + entityClass.getName()
                    + "." + property + " yet; keep the foreign key as a basic column");
        }
    }

    static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException ignored) {
                // look in the superclass
            }
        }
        return null;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
