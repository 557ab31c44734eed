package io.lrasaga.participant;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.lrasaga.problem.ProblemException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;

/**
 * The participant endpoints the coordinator calls for every {@link Compensable} step of this
 * service. Each answer comes from the store's ledger, so repeats and out-of-order calls are
 * harmless; and a complete or compensate is carried out only once the coordinator confirms
 * that the LRA is really closing or cancelling, so a forged callback changes nothing.
 */
@Path(ParticipantJoinFilter.PARTICIPANT_PATH)
@Produces(MediaType.TEXT_PLAIN)
public class ParticipantResource {

    private static final Set<ParticipantStatus> ENDED = EnumSet.of(ParticipantStatus.Completed,
            ParticipantStatus.Compensated, ParticipantStatus.FailedToComplete, ParticipantStatus.FailedToCompensate);
    // A failed LRA whose coordinator calls again (an operator's retry after a repair).
    private static final Set<LRAStatus> FAILED_CLOSE = EnumSet.of(LRAStatus.Closing, LRAStatus.Closed,
            LRAStatus.FailedToClose);
    private static final Set<LRAStatus> FAILED_CANCEL = EnumSet.of(LRAStatus.Cancelling, LRAStatus.Cancelled,
            LRAStatus.FailedToCancel);

    @Inject
    Instance<ParticipantLedger> ledgers;

    @Inject
    SagaContext context;

    @Inject
    CallbackConfirmation confirmation;


    @Inject
    SagaMetrics metrics;

    @PUT
    @Path("complete")
    public Response complete() {
        return end("complete", CallbackConfirmation.CLOSING, ParticipantStatus.FailedToComplete, FAILED_CLOSE,
                ParticipantLedger::complete);
    }

    @PUT
    @Path("compensate")
    public Response compensate() {
        return end("compensate", CallbackConfirmation.CANCELLING, ParticipantStatus.FailedToCompensate, FAILED_CANCEL,
                ParticipantLedger::compensate);
    }

    /**
     * The recorded status, after finishing an ending whose callback went unanswered. Narayana,
     * once a complete or compensate got no answer (this service died during it, or its store
     * was down), from then on only asks for the status and never calls complete or compensate
     * again: answering "still Active" or "Completing" would keep the LRA Closing for ever (found
     * by the chaos runner). So a Completing or Compensating record (an ending a crash
     * interrupted; the ledger leaves Active only after the coordinator confirmed the end) is
     * finished here, and an Active one is ended the way the coordinator reports the LRA ending.
     */
    @GET
    @Path("status")
    public Response status() {
        String lra = lra();
        Optional<ParticipantStatus> recorded = recorded(lra);
        if (recorded.isPresent() && recorded.get() == ParticipantStatus.Active) {
            Optional<LRAStatus> ending = confirmation.status(lra);
            if (ending.isPresent() && CallbackConfirmation.CLOSING.contains(ending.get())) {
                recorded = Optional.of(ParticipantStatus.Completing);
            } else if (ending.isPresent() && CallbackConfirmation.CANCELLING.contains(ending.get())) {
                recorded = Optional.of(ParticipantStatus.Compensating);
            }
        }
        if (recorded.isPresent() && recorded.get() == ParticipantStatus.Completing) {
            recorded = Optional.of(apply("complete", lra, ParticipantLedger::complete));
        } else if (recorded.isPresent() && recorded.get() == ParticipantStatus.Compensating) {
            recorded = Optional.of(apply("compensate", lra, ParticipantLedger::compensate));
        }
        return ParticipantAnswers.status(recorded, recorded.filter(ParticipantAnswers::failed).flatMap(s -> reason(lra)));
    }

    @DELETE
    @Path("forget")
    public Response forget() {
        String lra = lra();
        boolean known = false;
        for (ParticipantLedger ledger : ledgers) {
            known |= ledger.forget(lra);
        }
        return known ? Response.ok().build() : Response.status(Response.Status.GONE).build();
    }

    private Response end(String kind, Set<LRAStatus> confirming, ParticipantStatus failed, Set<LRAStatus> retryConfirming,
            java.util.function.BiFunction<ParticipantLedger, String, ParticipantStatus> action) {
        String lra = lra();
        if (confirmation.confirmedBySignature(lra, confirming)) {
            // Genuine, so no read of the ledgers first: each ledger's ending locks its record and
            // answers a repeat (or an ending of the other kind) as recorded, in its own transaction.
            ParticipantStatus outcome = apply(kind, lra, action);
            return ParticipantAnswers.answer(outcome, failureReason(lra, outcome));
        }
        Optional<ParticipantStatus> recorded = recorded(lra);
        // A failure of this kind is tried again (the ledgers resume from what is left to undo or
        // to complete); any other ended state is final and answered as recorded.
        boolean retry = recorded.isPresent() && recorded.get() == failed;
        if (retry) {
            confirming = retryConfirming;
        } else if (recorded.isPresent() && ENDED.contains(recorded.get())) {
            // A repeat (or a late call of the other kind): the recorded outcome, nothing redone.
            metrics.callback(kind, "repeat");
            return ParticipantAnswers.answer(recorded.get(), failureReason(lra, recorded.get()));
        }
        try {
            confirmation.confirm(lra, confirming);
        } catch (ProblemException refused) {
            metrics.callback(kind, "refused");
            throw refused;
        }
        ParticipantStatus outcome = apply(kind, lra, action);
        return ParticipantAnswers.answer(outcome, failureReason(lra, outcome));
    }

    /** Completes or compensates in every ledger (each idempotent); the worst outcome. */
    private ParticipantStatus apply(String kind, String lra,
            java.util.function.BiFunction<ParticipantLedger, String, ParticipantStatus> action) {
        ParticipantStatus outcome = ParticipantStatus.Active;
        for (ParticipantLedger ledger : ledgers) {
            outcome = worst(outcome, action.apply(ledger, lra));
        }
        metrics.callback(kind, outcome.name());
        return outcome;
    }

    private Optional<String> failureReason(String lra, ParticipantStatus status) {
        return ParticipantAnswers.failed(status) ? reason(lra) : Optional.empty();
    }

    // Every store that failed says why; one line for the operator.
    private Optional<String> reason(String lra) {
        StringBuilder reasons = new StringBuilder();
        for (ParticipantLedger ledger : ledgers) {
            ledger.failureReason(lra).filter(r -> !r.isBlank())
                    .ifPresent(r -> reasons.append(reasons.isEmpty() ? "" : "; ").append(r));
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons.toString());
    }

    private Optional<ParticipantStatus> recorded(String lra) {
        Optional<ParticipantStatus> combined = Optional.empty();
        for (ParticipantLedger ledger : ledgers) {
            Optional<ParticipantStatus> status = ledger.status(lra);
            if (status.isPresent()) {
                combined = Optional.of(combined.map(c -> worst(c, status.get())).orElse(status.get()));
            }
        }
        return combined;
    }

    // With several stores, a failure anywhere is the outcome; otherwise the ended one.
    private static ParticipantStatus worst(ParticipantStatus a, ParticipantStatus b) {
        Function<ParticipantStatus, Integer> rank = s -> switch (s) {
            case FailedToCompensate, FailedToComplete -> 3;
            case Compensating, Completing -> 2;
            case Compensated, Completed -> 1;
            case Active -> 0;
        };
        return rank.apply(b) > rank.apply(a) ? b : a;
    }

    // The guard has already refused an LRA of an untrusted coordinator.
    private String lra() {
        return context.receivedLra().orElseThrow(ParticipantAnswers::missingLra);
    }
}
