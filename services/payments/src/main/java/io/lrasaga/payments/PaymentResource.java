package io.lrasaga.payments;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

import io.lrasaga.participant.LocalStatus;
import io.lrasaga.participant.ParticipantAnswers;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * Debits inside an order's LRA. Paying takes the money at once (guarded, never below zero);
 * completing keeps it taken; compensating credits it back exactly once.
 */
@Path("/payments")
public class PaymentResource {

    public record NewPayment(
            @NotBlank @Size(max = 64) String customerId,
            @NotNull @DecimalMin("0.01") @Digits(integer = 15, fraction = 2) BigDecimal amount) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @LRA(value = LRA.Type.MANDATORY, end = false)
    @Transactional
    public Response pay(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, @NotNull @Valid NewPayment body) {
        if (!Account.debitIfCovered(body.customerId(), body.amount())) {
            if (Account.findById(body.customerId()) == null) {
                throw new ProblemException(Problem.unknownReference("customerId", "no account " + body.customerId()));
            }
            throw new ProblemException(ProblemType.INSUFFICIENT_FUNDS,
                    "the balance of " + body.customerId() + " does not cover " + body.amount().toPlainString());
        }
        Payment payment = new Payment();
        payment.lraId = lraId.toASCIIString();
        payment.customerId = body.customerId();
        payment.amount = body.amount();
        payment.status = LocalStatus.ACTIVE;
        payment.createdAt = Instant.now();
        payment.persist();
        return Response.status(Response.Status.CREATED).entity(payment).build();
    }

    @PUT
    @Path("complete")
    @Produces(MediaType.TEXT_PLAIN)
    @Complete
    @Transactional
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        for (Payment payment : Payment.lockedByLra(ParticipantAnswers.requireLra(lraId))) {
            if (payment.status == LocalStatus.ACTIVE) {
                payment.status = LocalStatus.COMPLETED;
                payment.endedAt = Instant.now();
            }
        }
        return ParticipantAnswers.answer(ParticipantStatus.Completed);
    }

    @PUT
    @Path("compensate")
    @Produces(MediaType.TEXT_PLAIN)
    @Compensate
    @Transactional
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        for (Payment payment : Payment.lockedByLra(ParticipantAnswers.requireLra(lraId))) {
            if (payment.status == LocalStatus.ACTIVE) {
                Account.credit(payment.customerId, payment.amount);
                payment.status = LocalStatus.COMPENSATED;
                payment.endedAt = Instant.now();
            }
        }
        return ParticipantAnswers.answer(ParticipantStatus.Compensated);
    }

    @GET
    @Path("status")
    @Produces(MediaType.TEXT_PLAIN)
    @Status
    public Response status(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        return ParticipantAnswers.status(LocalStatus.summarize(Payment.<Payment>list("lraId", ParticipantAnswers.requireLra(lraId))
                .stream().map(payment -> payment.status).toList()));
    }
}
