package io.lrasaga.activity;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lrasaga.participant.ParticipantAnswers;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

/**
 * Users' activity, recorded inside an order's LRA. An event stays PENDING until the saga
 * closes (DONE) and disappears if it is compensated, so a user's feed never shows what the
 * saga undid. No class-level {@code @Consumes}: the coordinator calls back with text/plain.
 */
@Path("/events")
public class EventResource {

    /**
     * A new event. Besides its named fields, everything else the client sends is kept as the
     * event's {@code details}: both a {@code details} object and any other top-level field
     * land there, so producers can attach context without this service knowing its shape.
     */
    public static class NewEvent {

        @NotBlank
        @Size(max = 64)
        public String userId;

        @NotBlank
        @Size(max = 64)
        public String type;

        @Size(max = 64)
        public String orderId;

        private final Map<String, Object> details = new LinkedHashMap<>();

        @JsonProperty("details")
        void details(Map<String, Object> given) {
            if (given != null) {
                details.putAll(given);
            }
        }

        @JsonAnySetter
        void detail(String name, Object value) {
            details.put(name, value);
        }

        Map<String, Object> details() {
            return details;
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @LRA(value = LRA.Type.MANDATORY, end = false)
    public Response record(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, @NotNull @Valid NewEvent body) {
        ActivityEvent event = ActivityEvent.pending(lraId.toASCIIString(), body.userId, body.type, body.orderId,
                Details.toDocument(body.details()));
        event.persist();
        return Response.status(Response.Status.CREATED).entity(event).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ActivityEvent> ofUser(@QueryParam("userId") String userId) {
        // Checked by hand: a constraint on a query parameter would be reported without its name.
        if (userId == null || userId.isBlank()) {
            throw new ProblemException(Problem.invalidField("userId", "must not be blank"));
        }
        return ActivityEvent.ofUser(userId);
    }

    @PUT
    @Path("complete")
    @Produces(MediaType.TEXT_PLAIN)
    @Complete
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        String lra = ParticipantAnswers.requireLra(lraId);
        ActivityEvent.markDone(lra);
        LraOutcome.record(lra, LraOutcome.Outcome.COMPLETED);
        return ParticipantAnswers.answer(ParticipantStatus.Completed);
    }

    @PUT
    @Path("compensate")
    @Produces(MediaType.TEXT_PLAIN)
    @Compensate
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        String lra = ParticipantAnswers.requireLra(lraId);
        ActivityEvent.deleteOfLra(lra);
        LraOutcome.record(lra, LraOutcome.Outcome.COMPENSATED);
        return ParticipantAnswers.answer(ParticipantStatus.Compensated);
    }

    @GET
    @Path("status")
    @Produces(MediaType.TEXT_PLAIN)
    @Status
    public Response status(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        String lra = ParticipantAnswers.requireLra(lraId);
        LraOutcome ended = LraOutcome.findById(lra);
        if (ended != null) {
            return ParticipantAnswers.answer(ended.outcome == LraOutcome.Outcome.COMPLETED
                    ? ParticipantStatus.Completed
                    : ParticipantStatus.Compensated);
        }
        return ParticipantAnswers.status(ActivityEvent.anyOfLra(lra)
                ? Optional.of(ParticipantStatus.Active)
                : Optional.empty());
    }
}
