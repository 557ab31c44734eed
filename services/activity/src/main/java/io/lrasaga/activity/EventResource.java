package io.lrasaga.activity;

import static com.mongodb.client.model.Filters.eq;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Sorts;

import io.lrasaga.mongo.SagaDocuments;
import io.lrasaga.mongo.SagaViews;
import io.lrasaga.participant.Compensable;
import io.lrasaga.participant.SagaContext;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Users' activity, recorded inside an order's LRA. lra-saga keeps each event provisional until
 * the saga closes and deletes it if the saga is compensated, so a user's feed never shows what
 * a saga undid.
 *
 * <p>{@code GET /events?userId=U} lists the user's events oldest first, as they are now: events
 * of sagas still running included. {@code GET /events?userId=U&view=committed} lists only
 * events whose saga has closed (events of running sagas are left out), for readers that must
 * not act on something a saga may still take back. {@code view=current} is the default.
 */
@Path("/events")
public class EventResource {

    private static final Comparator<ActivityEvent> OLDEST_FIRST = Comparator
            .comparing((ActivityEvent e) -> e.createdAt).thenComparing(e -> e.id);

    @Inject
    SagaContext saga;

    @Inject
    SagaDocuments documents;

    @Inject
    SagaViews views;

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
    @Compensable
    public Response record(@NotNull @Valid NewEvent body) {
        ActivityEvent event = ActivityEvent.of(saga.requireLraId(), body.userId, body.type, body.orderId,
                Details.toDocument(body.details()));
        documents.insert(event);
        return Response.status(Response.Status.CREATED).entity(event).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ActivityEvent> ofUser(@QueryParam("userId") String userId, @QueryParam("view") String view) {
        // Checked by hand: a constraint on a query parameter would be reported without its name.
        if (userId == null || userId.isBlank()) {
            throw new ProblemException(Problem.invalidField("userId", "must not be blank"));
        }
        if (view == null || view.equals("current")) {
            return views.current(ActivityEvent.class, eq("userId", userId), Sorts.ascending("createdAt", "_id"));
        }
        if (view.equals("committed")) {
            return views.committed(ActivityEvent.class, eq("userId", userId)).stream().sorted(OLDEST_FIRST).toList();
        }
        throw new ProblemException(Problem.invalidField("view", "must be current or committed"));
    }
}
