package io.lrasaga.saga;

import java.net.URI;

/**
 * The saga failed before its commit point: its LRA was cancelled, so the participants undo what
 * its steps did. The cause is what the lambda threw (or what ended the LRA first, such as its
 * time limit). {@link #fullyCompensated()} is false when the coordinator reported that a
 * participant could not compensate yet — the LRA then needs an operator (see the admin API).
 */
public class SagaCompensatedException extends SagaException {

    private final boolean fullyCompensated;
    private final int attempts;

    SagaCompensatedException(String message, URI lraId, Throwable cause, boolean fullyCompensated, int attempts) {
        super(message, lraId, cause);
        this.fullyCompensated = fullyCompensated;
        this.attempts = attempts;
    }

    public boolean fullyCompensated() {
        return fullyCompensated;
    }

    /** How often the saga was run. */
    public int attempts() {
        return attempts;
    }
}
