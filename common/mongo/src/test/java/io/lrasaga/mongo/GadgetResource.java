package io.lrasaga.mongo;

import static com.mongodb.client.model.Filters.eq;

import java.util.Comparator;
import java.util.List;

import com.mongodb.client.model.Sorts;

import io.lrasaga.participant.Compensable;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bson.types.ObjectId;

/**
 * The test application's service: saga steps that insert, update and delete gadgets, the same
 * writes outside any saga, and reads in both views.
 */
@Path("/gadgets")
@Produces(MediaType.APPLICATION_JSON)
public class GadgetResource {

    public record Change(String name, String color, Integer count) {
        void applyTo(Gadget gadget) {
            if (name != null) {
                gadget.name = name;
            }
            if (color != null) {
                gadget.color = color;
            }
            if (count != null) {
                gadget.count = count;
            }
        }
    }

    @Inject
    SagaDocuments documents;

    @Inject
    SagaViews views;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Change body) {
        return Response.status(Response.Status.CREATED).entity(documents.insert(newGadget(body))).build();
    }

    @POST
    @Path("steps")
    @Consumes(MediaType.APPLICATION_JSON)
    @Compensable
    public Response createStep(Change body) {
        return create(body);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Compensable
    public Gadget updateStep(@PathParam("id") String id, Change body) {
        return update(id, body);
    }

    @PUT
    @Path("{id}/outside")
    @Consumes(MediaType.APPLICATION_JSON)
    public Gadget update(@PathParam("id") String id, Change body) {
        Gadget gadget = find(id);
        body.applyTo(gadget);
        return documents.update(gadget);
    }

    @DELETE
    @Path("{id}")
    @Compensable
    public Response deleteStep(@PathParam("id") String id) {
        return delete(id);
    }

    @DELETE
    @Path("{id}/outside")
    public Response delete(@PathParam("id") String id) {
        documents.delete(find(id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}")
    public Gadget get(@PathParam("id") String id) {
        return find(id);
    }

    @GET
    public List<Gadget> ofColor(@QueryParam("color") String color, @QueryParam("view") String view) {
        if ("committed".equals(view)) {
            return views.committed(Gadget.class, eq("color", color)).stream()
                    .sorted(Comparator.comparing(g -> g.id)).toList();
        }
        return views.current(Gadget.class, eq("color", color), Sorts.ascending("_id"));
    }

    private Gadget find(String id) {
        if (!ObjectId.isValid(id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no gadget " + id);
        }
        return views.findById(Gadget.class, new ObjectId(id))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no gadget " + id));
    }

    private static Gadget newGadget(Change body) {
        Gadget gadget = new Gadget();
        body.applyTo(gadget);
        return gadget;
    }
}
