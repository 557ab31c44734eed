package io.lrasaga.orders.client;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;

import io.quarkus.runtime.annotations.RegisterForReflection;
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
public interface InventoryClient {

    // Native images: a REST client body, serialised by Jackson.
    @RegisterForReflection
    record ReservationRequest(String sku, int quantity) {
    }

    @GET
    @Path("/products/{sku}")
    Response product(@PathParam("sku") String sku);

    @POST
    @Path("/reservations")
    @Consumes(MediaType.APPLICATION_JSON)
    Response reserve(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lra, ReservationRequest reservation);
}
