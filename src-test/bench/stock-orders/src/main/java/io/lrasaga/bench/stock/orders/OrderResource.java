package io.lrasaga.bench.stock.orders;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;
import java.time.temporal.ChronoUnit;

import io.lrasaga.bench.stock.Problems;
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
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * The initiator as the quarkus-narayana-lra guide shows one: {@code @LRA} on the business
 * method (a new LRA, closed by Narayana's filter when the method answers 2xx, cancelled on a
 * 4xx/5xx), and this service a participant whose hand-written callbacks end the order.
 */
@Path("/orders")
public class OrderResource {

    @Inject
    OrderPlacement placement;

    @Inject
    OrderStore store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @LRA(value = LRA.Type.REQUIRES_NEW, timeLimit = 30, timeUnit = ChronoUnit.SECONDS)
    public Response place(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, @NotNull @Valid NewOrder body) {
        Order order = placement.createPending(lraId, body);
        placement.runSteps(lraId, order);
        return Response.created(URI.create("/orders/" + order.id)).entity(order).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Order get(@PathParam("id") String id) {
        return store.find(id).orElseThrow(() -> Problems.notFound("no order " + id));
    }

    @PUT
    @Path("complete")
    @Produces(MediaType.TEXT_PLAIN)
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        store.end("lraId", lraId.toASCIIString(), Order.Status.CONFIRMED);
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("compensate")
    @Produces(MediaType.TEXT_PLAIN)
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        store.end("lraId", lraId.toASCIIString(), Order.Status.CANCELLED);
        return Response.ok(ParticipantStatus.Compensated.name()).build();
    }
}
