package io.lrasaga.transactions;

import java.util.List;

import io.lrasaga.coordinator.problem.CoordinatorProblem;

/**
 * A transaction request refused before anything ran, as RFC 7807 problem+json with the same
 * stable types as the services' problems ({@code validation}, {@code malformed-request},
 * {@code idempotency-key-reused}, ...); {@code errors} names every bad field at once.
 */
public class TransactionProblem extends CoordinatorProblem {

    public record FieldError(String field, String message) {
    }

    public TransactionProblem(String type, String title, int status, String detail, List<FieldError> errors) {
        super(type, title, status, detail, errors);
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
}
