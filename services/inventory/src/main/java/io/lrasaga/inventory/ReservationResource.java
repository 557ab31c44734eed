package io.lrasaga.inventory;

import java.time.Instant;

import io.lrasaga.participant.Compensable;
import io.lrasaga.participant.SagaContext;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Stock reservations inside an order's LRA. Reserving takes the stock at once, never below
 * zero; if the saga is cancelled, lra-saga gives it back and deletes the reservation.
 */
@Path("/reservations")
public class ReservationResource {

    @Inject
    SagaContext saga;

    public record NewReservation(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(1_000_000) Integer quantity) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Compensable
    @Transactional
    public Response reserve(@NotNull @Valid NewReservation body) {
        // Locked: the check and the decrement must see the same stock.
        Product product = Product.findById(body.sku(), LockModeType.PESSIMISTIC_WRITE);
        if (product == null) {
            throw new ProblemException(Problem.unknownReference("sku", "no product " + body.sku()));
        }
        if (product.stock < body.quantity()) {
            throw new ProblemException(ProblemType.INSUFFICIENT_STOCK,
                    "not enough stock of " + body.sku() + " for " + body.quantity());
        }
        product.stock -= body.quantity();
        Reservation reservation = new Reservation();
        reservation.lraId = saga.requireLraId();
        reservation.sku = body.sku();
        reservation.quantity = body.quantity();
        reservation.createdAt = Instant.now();
        reservation.persist();
        return Response.status(Response.Status.CREATED).entity(reservation).build();
    }
}
