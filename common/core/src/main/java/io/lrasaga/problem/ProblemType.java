package io.lrasaga.problem;

/**
 * The stable problem types of lra-saga. Clients switch on {@link #id()}, which never changes
 * once published; titles are for humans.
 */
public enum ProblemType {
    VALIDATION("validation", "Invalid request", 400),
    UNKNOWN_REFERENCE("unknown-reference", "The request refers to something that does not exist", 422),
    MALFORMED_REQUEST("malformed-request", "Malformed request body", 400),
    NOT_FOUND("not-found", "Not found", 404),
    ALREADY_EXISTS("already-exists", "Already exists", 409),
    INSUFFICIENT_STOCK("insufficient-stock", "Insufficient stock", 409),
    INSUFFICIENT_FUNDS("insufficient-funds", "Insufficient funds", 402),
    PRECONDITION_FAILED("precondition-failed", "No record matches the operation's where clause", 409),
    STORE_REFUSED("store-refused", "The store refused the write", 422),
    LRA_REQUIRED("lra-required", "A Long-Running-Action context is required", 412),
    LRA_NOT_ACTIVE("lra-not-active", "The Long-Running-Action is no longer active", 412),
    SAGA_CONFLICT("saga-conflict", "Another saga holds this record", 409),
    UNTRUSTED_COORDINATOR("untrusted-coordinator", "The LRA belongs to a coordinator this service does not trust", 400),
    CALLBACK_NOT_CONFIRMED("callback-not-confirmed", "The coordinator does not confirm this callback", 412),
    COORDINATOR_UNAVAILABLE("coordinator-unavailable", "The LRA coordinator cannot be reached", 503),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", "A request with this Idempotency-Key is still running", 409),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "The Idempotency-Key was used for a different request", 422),
    SAGA_CANCELLED("saga-cancelled", "The saga was cancelled", 409),
    OUTCOME_UNKNOWN("outcome-unknown", "The saga's outcome is not known yet", 503),
    DEPENDENCY_FAILED("dependency-failed", "A service the saga depends on failed", 502),
    DEPENDENCY_UNAVAILABLE("dependency-unavailable", "A service the saga depends on is unavailable", 503),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    INTERNAL("internal", "Internal error", 500);

    private final String id;
    private final String title;
    private final int status;

    ProblemType(String id, String title, int status) {
        this.id = id;
        this.title = title;
        this.status = status;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
