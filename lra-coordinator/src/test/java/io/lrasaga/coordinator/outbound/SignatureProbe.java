package io.lrasaga.coordinator.outbound;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lrasaga.signedcallbacks.StatusAttestation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * A participant in the test application that keeps, per callback, the LRA and the signed
 * status header the coordinator sent with it.
 */
@Path("/signature-probe/{name}")
@Produces(MediaType.TEXT_PLAIN)
public class SignatureProbe {

    record Call(String callback, String lra, String signedStatus) {
    }

    static final Map<String, List<Call>> CALLS = new ConcurrentHashMap<>();

    static List<Call> of(String name) {
        return CALLS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }

    @PUT
    @Path("complete")
    public Response complete(@PathParam("name") String name, @HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(StatusAttestation.HEADER) String signed) {
        return record(name, new Call("complete", lra, signed), "Completed");
    }

    @PUT
    @Path("compensate")
    public Response compensate(@PathParam("name") String name, @HeaderParam(LRA.LRA_HTTP_CONTEXT_HEADER) String lra,
            @HeaderParam(StatusAttestation.HEADER) String signed) {
        return record(name, new Call("compensate", lra, signed), "Compensated");
    }

    private static Response record(String name, Call call, String outcome) {
        of(name).add(call);
        return Response.ok(outcome).build();
    }

    @GET
    @Path("status")
    public Response status() {
        return Response.status(Response.Status.GONE).build();
    }
}
