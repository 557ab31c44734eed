package io.lrasaga.coordinator.history;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lrasaga.coordinator.admin.AdminProblem;
import io.lrasaga.coordinator.admin.AdminQueries;
import io.lrasaga.coordinator.admin.Page;
import io.lrasaga.coordinator.security.Roles;
import io.lrasaga.coordinator.tracking.LraEnded;

@Path("/admin/history")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
@Tag(name = "Coordinator admin: history", description = "LRAs that ended, kept for the configured retention")
@SecurityRequirement(name = "admin")
@APIResponse(responseCode = "401", description = "No or wrong credentials")
@APIResponse(responseCode = "400", description = "A parameter is invalid; the problem's errors name it",
        content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
public class HistoryResource {

    @Inject
    HistoryStore history;

    @GET
    @Operation(summary = "Ended LRAs, newest end first")
    @APIResponse(responseCode = "200", description = "One page of ended LRAs")
    public Page<HistoryEntry> list(
            @Parameter(description = "Only LRAs started with this client id") @QueryParam("clientId") String clientId,
            @Parameter(description = "Only this outcome: Closed, Cancelled, FailedToClose, FailedToCancel, Unknown")
            @QueryParam("status") String status,
            @Parameter(description = "Page number, from 0", schema = @Schema(defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(defaultValue = "20"))
            @QueryParam("size") String size) {
        Optional<String> client = AdminQueries.text(clientId);
        Optional<String> outcome = AdminQueries.outcome(status);
        List<HistoryEntry> found = history.find(entry -> client.map(c -> c.equals(entry.clientId())).orElse(true)
                && outcome.map(o -> o.equals(entry.status())).orElse(true));
        return AdminQueries.page(found, page, size);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "How one LRA ended", description = "Outcome, times, participants with their last "
            + "status and callback URLs, and the transitions seen")
    @APIResponse(responseCode = "200", description = "The ended LRA")
    @APIResponse(responseCode = "404", description = "Not in the history (still running, never existed, or "
            + "older than the retention)", content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    public LraEnded detail(@Parameter(description = "The LRA's uid or its whole URL, URL-encoded")
    @PathParam("id") String id) {
        String uid = AdminQueries.uid(id);
        return history.get(uid).orElseThrow(() -> AdminProblem.notFound("no ended LRA " + uid + " in the history"));
    }
}
