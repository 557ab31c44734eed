package io.lrasaga.bench.stock.activity;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.lrasaga.bench.stock.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * A participant as the quarkus-narayana-lra guide shows one (the event is written at once and
 * deleted by hand on compensation), plus the floor's uncoordinated write under {@code /floor}.
 */
@Path("/")
public class EventResource {

    public record NewEvent(@NotBlank String userId, @NotBlank String type, String orderId, BigDecimal total) {
    }

    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @LRA(value = LRA.Type.MANDATORY, end = false)
    public Response record(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, @NotNull @Valid NewEvent body) {
        return created(lraId.toASCIIString(), body);
    }

    @POST
    @Path("floor/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response recordUncoordinated(@NotNull @Valid NewEvent body) {
        return created(null, body);
    }

    @PUT
    @Path("events/complete")
    @Produces(MediaType.TEXT_PLAIN)
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("events/compensate")
    @Produces(MediaType.TEXT_PLAIN)
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        ActivityEvent.delete("lraId", lraId.toASCIIString());
        return Response.ok(ParticipantStatus.Compensated.name()).build();
    }

    @GET
    @Path("events")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ActivityEvent> ofUser(@QueryParam("userId") String userId) {
        if (userId == null || userId.isBlank()) {
            throw Problems.problem(400, "invalid-field", "userId: must not be blank");
        }
        return ActivityEvent.list("userId", userId);
    }

    private static Response created(String lraId, NewEvent body) {
        ActivityEvent event = new ActivityEvent();
        event.lraId = lraId;
        event.userId = body.userId();
        event.type = body.type();
        event.orderId = body.orderId();
        event.total = body.total();
        event.createdAt = Instant.now();
        event.persist();
        return Response.status(Response.Status.CREATED).entity(event).build();
    }
}
