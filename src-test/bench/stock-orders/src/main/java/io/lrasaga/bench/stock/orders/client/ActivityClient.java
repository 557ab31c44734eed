package io.lrasaga.bench.stock.orders.client;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.math.BigDecimal;
import java.net.URI;

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
@Consumes(MediaType.APPLICATION_JSON)
public interface ActivityClient {

    record EventRequest(String userId, String type, String orderId, BigDecimal total) {
    }

    @POST
    @Path("/events")
    Response record(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lra, EventRequest event);

    @POST
    @Path("/floor/events")
    Response recordUncoordinated(EventRequest event);
}
