package io.lrasaga.saga;

import java.net.URI;

/** A saga that did not complete; which subclass says whether it may still have committed. */
public abstract class SagaException extends RuntimeException {

    private final URI lraId;

    SagaException(String message, URI lraId, Throwable cause) {
        super(message, cause);
        this.lraId = lraId;
    }

    /** The LRA of the last run, to look up at the coordinator ({@code /admin/lras/{id}}). */
    public URI lraId() {
        return lraId;
    }
}
