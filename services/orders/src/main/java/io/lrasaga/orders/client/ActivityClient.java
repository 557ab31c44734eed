package io.lrasaga.orders.client;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.math.BigDecimal;
import java.net.URI;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "activity")
@Produces(MediaType.APPLICATION_JSON)
public interface ActivityClient {

    // Native images: a REST client body, serialised by Jackson.
    @RegisterForReflection
    record EventRequest(String userId, String type, String orderId, BigDecimal total) {
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    Response record(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lra, EventRequest event);
}
