package io.lrasaga.bench.stock.orders;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The benchmark's floor: the order's same reads and writes with no coordination at all. A
 * refused step leaves the earlier steps' writes in place (nothing can undo them); the
 * benchmark's data set never refuses one.
 */
@Path("/floor/orders")
public class FloorOrderResource {

    @Inject
    OrderPlacement placement;

    @Inject
    OrderStore store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response place(@NotNull @Valid NewOrder body) {
        Order order = placement.createPending(null, body);
        try {
            placement.runSteps(null, order);
        } catch (WebApplicationException refused) {
            store.end("id", order.id, Order.Status.CANCELLED);
            throw refused;
        }
        store.end("id", order.id, Order.Status.CONFIRMED);
        return Response.created(URI.create("/orders/" + order.id)).entity(store.find(order.id).orElseThrow()).build();
    }
}
