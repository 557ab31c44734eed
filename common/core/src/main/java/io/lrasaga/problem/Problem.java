package io.lrasaga.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 7807 problem. {@code type} is a stable short identifier clients can switch on
 * (e.g. {@code validation}, {@code insufficient-stock}); {@code errors} names each bad field;
 * extension members (such as an order's {@code id}) are serialised at the top level.
 */
// Native images: only ever a Response entity or read from a peer's answer, so Quarkus does not
// find it in a resource signature.
@RegisterForReflection(targets = { Problem.class, Problem.FieldError.class })
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "errors" })
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public record FieldError(String field, String message) {
    }

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private String instance;
    private List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem(String type, String title, int status, String detail) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.id(), type.title(), type.status(), detail);
    }

    public static Problem validation(List<FieldError> errors) {
        Problem problem = of(ProblemType.VALIDATION, errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request"));
        problem.errors = List.copyOf(errors);
        return problem;
    }

    public static Problem invalidField(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    /** A well-formed request that names something (a sku, a customer) that does not exist. */
    public static Problem unknownReference(String field, String message) {
        Problem problem = of(ProblemType.UNKNOWN_REFERENCE, field + ": " + message);
        problem.errors = List.of(new FieldError(field, message));
        return problem;
    }

    public Problem errors(List<FieldError> fieldErrors) {
        this.errors = List.copyOf(fieldErrors);
        return this;
    }

    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public Problem instance(String instance) {
        this.instance = instance;
        return this;
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }

    @Override
    public String toString() {
        return type + " (" + status + "): " + detail;
    }
}
