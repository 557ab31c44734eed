package io.lrasaga.coordinator.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A participant in the test application that keeps the {@code traceparent} of every complete
 * callback it gets. It refuses the first {@code unavailableFirst} completions with 503, so the
 * coordinator leaves the LRA Closing for a recovery pass.
 */
@Path("/trace-probe/{name}")
@Produces(MediaType.TEXT_PLAIN)
public class TraceProbe {

    static final class Calls {
        final List<String> traceparents = new CopyOnWriteArrayList<>();
        final AtomicInteger unavailableFirst = new AtomicInteger();
        volatile boolean done;
    }

    static final Map<String, Calls> CALLS = new ConcurrentHashMap<>();

    static Calls of(String name) {
        return CALLS.computeIfAbsent(name, n -> new Calls());
    }

    @PUT
    @Path("complete")
    public Response complete(@PathParam("name") String name, @HeaderParam("traceparent") String traceparent) {
        Calls calls = of(name);
        calls.traceparents.add(String.valueOf(traceparent));
        if (calls.unavailableFirst.getAndDecrement() > 0) {
            return Response.status(503).build();
        }
        calls.done = true;
        return Response.ok("Completed").build();
    }

    @PUT
    @Path("compensate")
    public Response compensate(@PathParam("name") String name) {
        return Response.ok("Compensated").build();
    }

    @GET
    @Path("status")
    public Response status(@PathParam("name") String name) {
        // 404 while not done: unknown here, so the coordinator calls complete again.
        return Response.status(of(name).done ? 410 : 404).build();
    }
}
