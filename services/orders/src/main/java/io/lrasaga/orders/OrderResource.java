package io.lrasaga.orders;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.lrasaga.idempotency.IdempotencyFilter;
import io.lrasaga.idempotency.Idempotent;
import io.lrasaga.participant.CallbackConfirmation;
import io.lrasaga.participant.ParticipantAnswers;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * Orders start the saga: each {@code POST /orders} runs in a new LRA with a time limit (so a
 * crash of this process mid-saga still ends in compensation), and this service is itself a
 * participant whose callbacks move the order to CONFIRMED or CANCELLED. A client that sends
 * an {@code Idempotency-Key} can retry safely: a repeat answers the first outcome.
 */
@Path("/orders")
public class OrderResource {

    /** Long enough for four steps under load; short enough that a dead initiator does not hold stock for long. */
    static final long SAGA_TIME_LIMIT_SECONDS = 30;

    @Inject
    OrderSaga saga;

    @Inject
    OrderStore store;

    @Inject
    CallbackConfirmation confirmation;

    @Inject
    OrderEndings endings;


    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    // The saga closes or cancels the LRA itself, so the answer can report the order's final
    // status. The filter cancels only for answers given before the saga ran (bad input, a
    // crash): after the saga's own cancel, a second one would find the LRA gone and make the
    // filter replace the problem body with its own complaint.
    @LRA(value = LRA.Type.REQUIRES_NEW, end = false, timeLimit = SAGA_TIME_LIMIT_SECONDS, timeUnit = ChronoUnit.SECONDS,
            cancelOnFamily = {}, cancelOn = { Response.Status.BAD_REQUEST, Response.Status.NOT_ACCEPTABLE,
                    Response.Status.UNSUPPORTED_MEDIA_TYPE, Response.Status.INTERNAL_SERVER_ERROR })
    @Idempotent
    public Response place(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId,
            @HeaderParam(IdempotencyFilter.HEADER) String idempotencyKey, @NotNull @Valid NewOrder order) {
        return saga.place(lraId, order, idempotencyKey);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Order get(@PathParam("id") String id) {
        return store.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no order " + id));
    }

    @PUT
    @Path("complete")
    @Produces(MediaType.TEXT_PLAIN)
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        end(ParticipantAnswers.requireLra(lraId), CallbackConfirmation.CLOSING, Order.Status.CONFIRMED);
        return ParticipantAnswers.answer(ParticipantStatus.Completed);
    }

    @PUT
    @Path("compensate")
    @Produces(MediaType.TEXT_PLAIN)
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        end(ParticipantAnswers.requireLra(lraId), CallbackConfirmation.CANCELLING, Order.Status.CANCELLED);
        return ParticipantAnswers.answer(ParticipantStatus.Compensated);
    }

    /**
     * Ends the LRA's PENDING order, once the coordinator confirms the callback: a forged complete
     * would otherwise confirm an order whose saga is still running (or about to be cancelled).
     * A repeat for an order already ended answers without asking.
     */
    private void end(String lra, Set<LRAStatus> confirming, Order.Status outcome) {
        endings.ended(lra, store.end(lra, outcome, () -> confirmation.confirm(lra, confirming)));
    }

    /**
     * The order's status. A PENDING order whose LRA the coordinator reports closing or
     * cancelling is ended first: once a complete or compensate to this service went unanswered
     * (it was down, or its database), Narayana only asks for the status from then on, and
     * "Active" would keep the LRA Closing and the order PENDING for ever (found by the chaos
     * runner).
     */
    @GET
    @Path("status")
    @Produces(MediaType.TEXT_PLAIN)
    @Status
    public Response status(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        String lra = ParticipantAnswers.requireLra(lraId);
        if (store.byLra(lra).stream().anyMatch(order -> order.status == Order.Status.PENDING)) {
            confirmation.status(lra).ifPresent(ending -> {
                if (CallbackConfirmation.CLOSING.contains(ending)) {
                    store.end(lra, Order.Status.CONFIRMED);
                } else if (CallbackConfirmation.CANCELLING.contains(ending)) {
                    store.end(lra, Order.Status.CANCELLED);
                }
            });
        }
        return ParticipantAnswers.status(store.byLra(lra).stream().findFirst()
                .map(order -> switch (order.status) {
                    case PENDING -> ParticipantStatus.Active;
                    case CONFIRMED -> ParticipantStatus.Completed;
                    case CANCELLED -> ParticipantStatus.Compensated;
                }));
    }
}
