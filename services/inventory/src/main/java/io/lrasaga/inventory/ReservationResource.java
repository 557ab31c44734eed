package io.lrasaga.inventory;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;
import java.time.Instant;

import io.lrasaga.participant.LocalStatus;
import io.lrasaga.participant.ParticipantAnswers;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * Stock reservations inside an order's LRA. Reserving takes the stock at once (guarded, never
 * below zero); completing keeps it taken; compensating gives it back exactly once.
 */
@Path("/reservations")
public class ReservationResource {

    public record NewReservation(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(1_000_000) Integer quantity) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @LRA(value = LRA.Type.MANDATORY, end = false)
    @Transactional
    public Response reserve(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, @NotNull @Valid NewReservation body) {
        if (!Product.decrementIfAvailable(body.sku(), body.quantity())) {
            if (Product.findById(body.sku()) == null) {
                throw new ProblemException(Problem.unknownReference("sku", "no product " + body.sku()));
            }
            throw new ProblemException(ProblemType.INSUFFICIENT_STOCK,
                    "not enough stock of " + body.sku() + " for " + body.quantity());
        }
        Reservation reservation = new Reservation();
        reservation.lraId = lraId.toASCIIString();
        reservation.sku = body.sku();
        reservation.quantity = body.quantity();
        reservation.status = LocalStatus.ACTIVE;
        reservation.createdAt = Instant.now();
        reservation.persist();
        return Response.status(Response.Status.CREATED).entity(reservation).build();
    }

    @PUT
    @Path("complete")
    @Produces(MediaType.TEXT_PLAIN)
    @Complete
    @Transactional
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        for (Reservation reservation : Reservation.lockedByLra(ParticipantAnswers.requireLra(lraId))) {
            if (reservation.status == LocalStatus.ACTIVE) {
                reservation.status = LocalStatus.COMPLETED;
                reservation.endedAt = Instant.now();
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
        for (Reservation reservation : Reservation.lockedByLra(ParticipantAnswers.requireLra(lraId))) {
            if (reservation.status == LocalStatus.ACTIVE) {
                Product.increment(reservation.sku, reservation.quantity);
                reservation.status = LocalStatus.COMPENSATED;
                reservation.endedAt = Instant.now();
            }
        }
        return ParticipantAnswers.answer(ParticipantStatus.Compensated);
    }

    @GET
    @Path("status")
    @Produces(MediaType.TEXT_PLAIN)
    @Status
    public Response status(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        return ParticipantAnswers.status(LocalStatus.summarize(Reservation.<Reservation>list("lraId", ParticipantAnswers.requireLra(lraId))
                .stream().map(reservation -> reservation.status).toList()));
    }
}
