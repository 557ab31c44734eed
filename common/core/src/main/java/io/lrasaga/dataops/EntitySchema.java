package io.lrasaga.dataops;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An entity a store exposes to data operations: its public name, its fields and how a JSON
 * value becomes the Java value of a field. Implemented by each store module.
 */
public interface EntitySchema {

    /** The name operations address it by: the simple class name. */
    String name();

    /** The field holding the identity (an upsert finds its record by it). */
    String idField();

    /** Field names and Java types of the fields operations may name. */
    Map<String, Class<?>> fields();

    /** The Java value of {@code value} for {@code field}; throws IllegalArgumentException when it does not fit. */
    Object convert(String field, JsonNode value);

    default Optional<Class<?>> fieldType(String field) {
        return Optional.ofNullable(fields().get(field));
    }
}
