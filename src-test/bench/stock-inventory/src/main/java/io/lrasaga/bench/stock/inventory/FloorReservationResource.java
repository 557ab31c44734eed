package io.lrasaga.bench.stock.inventory;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The benchmark's floor: the same reservation write, with no LRA and no way to undo it. */
@Path("/floor/reservations")
public class FloorReservationResource {

    @Inject
    Stock stock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reserve(@NotNull @Valid ReservationResource.NewReservation body) {
        return Response.status(Response.Status.CREATED).entity(stock.reserve(null, body.sku(), body.quantity()))
                .build();
    }
}
