package io.lrasaga.bench.stock.orders.client;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.math.BigDecimal;
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

@RegisterRestClient(configKey = "payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PaymentsClient {

    record PaymentRequest(String customerId, BigDecimal amount) {
    }

    @GET
    @Path("/accounts/{customerId}")
    Response account(@PathParam("customerId") String customerId);

    @POST
    @Path("/payments")
    Response pay(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lra, PaymentRequest payment);

    @POST
    @Path("/floor/payments")
    Response payUncoordinated(PaymentRequest payment);
}
