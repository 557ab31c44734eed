package io.lrasaga.participant;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.lra.annotation.LRAStatus;

/**
 * Confirms that a complete or compensate callback is genuine before it changes anything: anyone
 * who can reach a participant can send one, only the coordinator knows whether the LRA is really
 * closing or cancelling. The coordinator's signed statement of the LRA's status that came with
 * the callback answers that ({@link io.lrasaga.signedcallbacks.StatusAttestation}, when
 * {@code lra-saga.signed-callbacks.key} is set); otherwise the coordinator is asked. Used by the
 * runtime's participant endpoints and by hand-written {@code @Complete}/{@code @Compensate}
 * methods.
 */
@Singleton
public class CallbackConfirmation {

    public static final Set<LRAStatus> CLOSING = EnumSet.of(LRAStatus.Closing, LRAStatus.Closed);
    public static final Set<LRAStatus> CANCELLING = EnumSet.of(LRAStatus.Cancelling, LRAStatus.Cancelled);

    private final CoordinatorCalls coordinator;
    private final ParticipantConfig config;
    private final SagaMetrics metrics;

    CallbackConfirmation(CoordinatorCalls coordinator, ParticipantConfig config, SagaMetrics metrics) {
        this.coordinator = coordinator;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * The coordinator's view of the LRA: as it signed it on the request being served, or asked
     * now; empty when the coordinator no longer knows the LRA.
     */
    public Optional<LRAStatus> status(String lra) {
        Optional<LRAStatus> signed = signedStatus(lra);
        if (signed.isPresent()) {
            metrics.statusConfirmed("signature");
            return signed;
        }
        metrics.statusConfirmed("coordinator");
        return coordinator.status(lra);
    }

    /**
     * Whether {@link #confirm} would pass without asking the coordinator: callbacks are not
     * verified, or the request carries the coordinator's signed word that the LRA is in one of
     * {@code confirming}.
     */
    public boolean confirmedBySignature(String lra, Set<LRAStatus> confirming) {
        if (!config.verifyCallbacks()) {
            return true;
        }
        if (signedStatus(lra).filter(confirming::contains).isPresent()) {
            metrics.statusConfirmed("signature");
            return true;
        }
        return false;
    }

    // The status the coordinator signed on the request being served, if any.
    private static Optional<LRAStatus> signedStatus(String lra) {
        return SagaContext.current().flatMap(context -> context.attestedStatus(lra));
    }

    /** 412 callback-not-confirmed unless the coordinator reports the LRA in one of {@code confirming}. */
    public void confirm(String lra, Set<LRAStatus> confirming) {
        if (!config.verifyCallbacks()) {
            return;
        }
        Optional<LRAStatus> actual = status(lra);
        if (actual.isEmpty() || !confirming.contains(actual.get())) {
            throw new ProblemException(Problem.of(ProblemType.CALLBACK_NOT_CONFIRMED, "the coordinator reports "
                    + lra + " as " + actual.map(Enum::name).orElse("unknown") + ", not " + confirming));
        }
    }
}
