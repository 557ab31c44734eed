package io.lrasaga.participant;

import java.util.Optional;

import org.eclipse.microprofile.lra.annotation.ParticipantStatus;

/**
 * A store's durable record of what a service did under each LRA. Implemented once per store
 * kind (lra-saga-orm, lra-saga-mongo); the participant endpoints answer from it, so every
 * callback is idempotent and the status survives restarts.
 */
public interface ParticipantLedger {

    /** Makes the LRA's work final. A repeat, or a call after compensation, returns the recorded outcome. */
    ParticipantStatus complete(String lraId);

    /** Undoes the LRA's work. Before any work arrived, records that none may arrive any more. */
    ParticipantStatus compensate(String lraId);

    /** Empty when this store never saw the LRA. */
    Optional<ParticipantStatus> status(String lraId);

    /**
     * Why this store recorded a FailedToCompensate/FailedToComplete for the LRA (e.g. which
     * field changed since the saga wrote it); empty when it did not fail or kept no reason.
     */
    default Optional<String> failureReason(String lraId) {
        return Optional.empty();
    }

    /** Drops the record of a failed LRA after its repair; false (nothing done) for any other. */
    boolean forget(String lraId);
}
