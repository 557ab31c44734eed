package io.lrasaga.bench.stock.orders.client;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "inventory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface InventoryClient {

    record ReservationRequest(String sku, int quantity) {
    }

    @GET
    @Path("/products/{sku}")
    Response product(@PathParam("sku") String sku);

    @POST
    @Path("/reservations")
    Response reserve(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lra, ReservationRequest reservation);

    @POST
    @Path("/floor/reservations")
    Response reserveUncoordinated(ReservationRequest reservation);
}
