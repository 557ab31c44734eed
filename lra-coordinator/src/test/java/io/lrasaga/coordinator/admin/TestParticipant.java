package io.lrasaga.coordinator.admin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A participant living in the test application, so the coordinator's callbacks are real
 * HTTP calls. Each test uses its own name; its mode says how it answers: {@code ok},
 * {@code unavailable} (503, the coordinator retries later) or {@code fail} (500 with
 * FailedToCompensate/FailedToComplete, a final failure).
 */
@Path("/test-participant/{name}")
@Produces(MediaType.TEXT_PLAIN)
public class TestParticipant {

    static final class State {
        volatile String mode = "ok";
        volatile String done;
        volatile String failed;
        final AtomicInteger compensations = new AtomicInteger();
        final AtomicInteger completions = new AtomicInteger();
    }

    /** What a failing test participant says, percent-encoded as the runtime sends it. */
    static final String REASON = "Widget 7.price is 12.50 €, changed since the saga set it to 10 (50% + tax)";
    static final String REASON_ENCODED =
            "Widget 7.price is 12.50 %E2%82%AC, changed since the saga set it to 10 (50%25 + tax)";

    static final Map<String, State> STATES = new ConcurrentHashMap<>();

    static State state(String name) {
        return STATES.computeIfAbsent(name, n -> new State());
    }

    @PUT
    @Path("compensate")
    public Response compensate(@PathParam("name") String name) {
        State state = state(name);
        state.compensations.incrementAndGet();
        return end(state, "Compensated", "FailedToCompensate");
    }

    @PUT
    @Path("complete")
    public Response complete(@PathParam("name") String name) {
        State state = state(name);
        state.completions.incrementAndGet();
        return end(state, "Completed", "FailedToComplete");
    }

    @GET
    @Path("status")
    public Response status(@PathParam("name") String name) {
        State state = state(name);
        if (state.done != null) {
            return Response.status(410).build();
        }
        if (state.failed != null) {
            return Response.ok(state.failed).header("Lra-Saga-Failure-Reason", REASON_ENCODED).build();
        }
        // 503: ask again later; 404: unknown, so the coordinator calls compensate/complete again
        return Response.status("unavailable".equals(state.mode) ? 503 : 404).build();
    }

    private static Response end(State state, String success, String failure) {
        return switch (state.mode) {
            case "unavailable" -> Response.status(503).build();
            case "fail" -> {
                state.failed = failure;
                yield Response.status(500).entity(failure).header("Lra-Saga-Failure-Reason", REASON_ENCODED).build();
            }
            default -> {
                state.failed = null;
                state.done = success;
                yield Response.ok(success).build();
            }
        };
    }
}
