package io.lrasaga.bench.stock.payments;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.math.BigDecimal;
import java.net.URI;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * A participant as the quarkus-narayana-lra guide shows one: the business method joins the
 * caller's LRA, and the undo is written by hand in {@code @Compensate}.
 */
@Path("/payments")
public class PaymentResource {

    public record NewPayment(@NotBlank String customerId, @NotNull @DecimalMin("0.01") BigDecimal amount) {
    }

    @Inject
    Funds funds;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @LRA(value = LRA.Type.MANDATORY, end = false)
    public Response pay(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, @NotNull @Valid NewPayment body) {
        return Response.status(Response.Status.CREATED)
                .entity(funds.debit(lraId.toASCIIString(), body.customerId(), body.amount())).build();
    }

    @PUT
    @Path("complete")
    @Produces(MediaType.TEXT_PLAIN)
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("compensate")
    @Produces(MediaType.TEXT_PLAIN)
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        funds.refund(lraId.toASCIIString());
        return Response.ok(ParticipantStatus.Compensated.name()).build();
    }
}
