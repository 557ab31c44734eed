package io.lrasaga.dataops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.lrasaga.participant.Compensable;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Declarative data operations on the entities this service allow-listed
 * ({@code lra-saga.data.entities}), the participant side of the coordinator's
 * {@code POST /transactions}. An operation is a {@link Compensable} step: it runs inside the
 * caller's LRA, and the store's runtime records its writes and undoes them if the LRA is
 * cancelled (insert → delete, update → restore, delete → re-insert). Entities not on the list
 * do not exist here (404).
 */
@Path("lra-saga/data")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DataResource {

    @Inject
    Instance<DataStore> stores;

    /** The exposed entities and their fields, by name. */
    @GET
    public Map<String, Object> entities() {
        Map<String, Object> entities = new LinkedHashMap<>();
        for (DataStore store : stores) {
            for (EntitySchema entity : store.entities()) {
                entities.put(entity.name(), Map.of("id", entity.idField(), "fields", DataOperation.describe(entity)));
            }
        }
        return Map.of("entities", entities);
    }

    /** Checks an operation without running it: 204, or the 4xx it would be refused with. */
    @POST
    @Path("{entity}/validation")
    public Response validate(@PathParam("entity") String entity, JsonNode body) {
        DataOperation.parse(body, find(entity).entity());
        return Response.noContent().build();
    }

    /** Runs the operation as a step of the LRA in the {@code Long-Running-Action} header. */
    @POST
    @Path("{entity}")
    @Compensable
    public DataStore.Result apply(@PathParam("entity") String entity, JsonNode body) {
        Exposed exposed = find(entity);
        return exposed.store().apply(exposed.entity(), DataOperation.parse(body, exposed.entity()));
    }

    private record Exposed(DataStore store, EntitySchema entity) {
    }

    private Exposed find(String name) {
        for (DataStore store : stores) {
            Optional<? extends EntitySchema> found = store.entities().stream()
                    .filter(e -> e.name().equals(name)).findFirst();
            if (found.isPresent()) {
                return new Exposed(store, found.get());
            }
        }
        throw new ProblemException(ProblemType.NOT_FOUND, "this service exposes no entity " + name
                + " to data operations");
    }
}
