package io.lrasaga.transactions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A transaction request refused before anything ran, as RFC 7807 problem+json with the same
 * stable types as the services' problems ({@code validation}, {@code malformed-request},
 * {@code idempotency-key-reused}, ...); {@code errors} names every bad field at once.
 */
public class TransactionProblem extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    private final String type;
    private final String title;
    private final int status;
    private final List<FieldError> errors;

    public TransactionProblem(String type, String title, int status, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.title = title;
        this.status = status;
        this.errors = errors;
    }

    public static TransactionProblem validation(List<FieldError> errors) {
        return new TransactionProblem("validation", "Invalid request", 400,
                String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
    }

    public static TransactionProblem malformed(String detail) {
        return new TransactionProblem("malformed-request", "Malformed request body", 400, detail, null);
    }

    public static TransactionProblem unavailable(String detail) {
        return new TransactionProblem("dependency-unavailable", "A service the saga depends on is unavailable", 503,
                detail, null);
    }

    public static TransactionProblem notFound(String detail) {
        return new TransactionProblem("not-found", "Not found", 404, detail, null);
    }

    public int status() {
        return status;
    }

    public Response toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        if (errors != null) {
            body.put("errors", errors);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }

    @Provider
    public static class Mapper implements ExceptionMapper<TransactionProblem> {
        @Override
        public Response toResponse(TransactionProblem problem) {
            return problem.toResponse();
        }
    }
}
