package io.lrasaga.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

/** Clients must be told which field was wrong, in the JSON's own terms. */
class FieldPathTest {

    record Item(@NotBlank String sku, @NotNull @Min(1) Integer quantity) {
    }

    record Order(@NotBlank String customerId, @NotNull @Size(min = 1) List<@NotNull @Valid Item> items) {
    }

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    private Set<String> fields(Object bean) {
        Set<String> fields = new TreeSet<>();
        for (ConstraintViolation<Object> violation : validator.validate(bean)) {
            fields.add(ProblemMappers.ConstraintViolationMapper.fieldOf(violation.getPropertyPath()));
        }
        return fields;
    }

    @Test
    void namesNestedListElementsLikeJsonPaths() {
        Order order = new Order(" ", java.util.Arrays.asList(new Item("a", 1), new Item("", 0), null));
        assertEquals(Set.of("customerId", "items[1].sku", "items[1].quantity", "items[2]"), fields(order));
    }

    @Test
    void namesAnEmptyList() {
        assertEquals(Set.of("items"), fields(new Order("c", List.of())));
    }
}
