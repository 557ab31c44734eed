package io.lrasaga.bench.stock.payments;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The benchmark's floor: the same debit, with no LRA and no way to undo it. */
@Path("/floor/payments")
public class FloorPaymentResource {

    @Inject
    Funds funds;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response pay(@NotNull @Valid PaymentResource.NewPayment body) {
        return Response.status(Response.Status.CREATED).entity(funds.debit(null, body.customerId(), body.amount()))
                .build();
    }
}
