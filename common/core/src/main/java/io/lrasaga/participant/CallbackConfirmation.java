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
 * Asks the coordinator whether a complete or compensate callback is genuine before it changes
 * anything: anyone who can reach a participant can send one, only the coordinator knows whether
 * the LRA is really closing or cancelling. Used by the runtime's participant endpoints and by
 * hand-written {@code @Complete}/{@code @Compensate} methods.
 */
@Singleton
public class CallbackConfirmation {

    public static final Set<LRAStatus> CLOSING = EnumSet.of(LRAStatus.Closing, LRAStatus.Closed);
    public static final Set<LRAStatus> CANCELLING = EnumSet.of(LRAStatus.Cancelling, LRAStatus.Cancelled);

    private final CoordinatorCalls coordinator;
    private final ParticipantConfig config;

    CallbackConfirmation(CoordinatorCalls coordinator, ParticipantConfig config) {
        this.coordinator = coordinator;
        this.config = config;
    }

    /** 412 callback-not-confirmed unless the coordinator reports the LRA in one of {@code confirming}. */
    public void confirm(String lra, Set<LRAStatus> confirming) {
        if (!config.verifyCallbacks()) {
            return;
        }
        Optional<LRAStatus> actual = coordinator.status(lra);
        if (actual.isEmpty() || !confirming.contains(actual.get())) {
            throw new ProblemException(Problem.of(ProblemType.CALLBACK_NOT_CONFIRMED, "the coordinator reports "
                    + lra + " as " + actual.map(Enum::name).orElse("unknown") + ", not " + confirming));
        }
    }
}
