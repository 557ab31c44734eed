package io.lrasaga.saga;

import java.net.URI;

/**
 * The lambda returned and the saga was asked to close, but whether it closed is not known: the
 * coordinator's answer was lost or late, or it reported that completion has not finished. The
 * saga may have committed. Do not run it again blindly; ask the coordinator about
 * {@link #lraId()} (its status, or {@code GET /admin/lras/{id}} and the history).
 */
public class SagaOutcomeUnknownException extends SagaException {

    SagaOutcomeUnknownException(String message, URI lraId, Throwable cause) {
        super(message, lraId, cause);
    }
}
