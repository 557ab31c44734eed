package io.lrasaga.coordinator.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lrasaga.coordinator.security.Roles;

@Path("/admin/lras")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
@Tag(name = "Coordinator admin: LRAs", description = "Running and failed LRAs, and what operators can do with them")
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "HTTP Basic; role viewer reads, role operator acts")
@SecurityRequirement(name = "admin")
@APIResponse(responseCode = "401", description = "No or wrong credentials")
@APIResponse(responseCode = "403", description = "The user lacks the role this operation needs")
@APIResponse(responseCode = "400", description = "A parameter is invalid; the problem's errors name it",
        content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
public class LraAdminResource {

    private static final String ID_DOC = "The LRA's uid (last path segment of its URL) or its whole URL, URL-encoded";

    @Inject
    LraAdmin admin;

    @GET
    @Operation(summary = "List LRAs", description = "The LRAs the coordinator holds (Active, Closing, Cancelling) "
            + "and the failed ones it keeps (FailedToClose, FailedToCancel), newest first. Ended LRAs are in "
            + "/admin/history.")
    @APIResponse(responseCode = "200", description = "One page of LRAs")
    public Page<LraSummary> list(
            @Parameter(description = "Only LRAs with this status (Active, Closing, Cancelling, FailedToClose, "
                    + "FailedToCancel)") @QueryParam("status") String status,
            @Parameter(description = "Only LRAs started with this client id") @QueryParam("clientId") String clientId,
            @Parameter(description = "Only LRAs started longer ago than this ISO-8601 duration (PT10M, P1D)",
                    example = "PT10M") @QueryParam("olderThan") String olderThan,
            @Parameter(description = "Page number, from 0", schema = @Schema(defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(defaultValue = "20"))
            @QueryParam("size") String size) {
        return admin.list(AdminQueries.status(status), AdminQueries.text(clientId), AdminQueries.olderThan(olderThan),
                PageRequest.of(page, size));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One LRA with its participants",
            description = "Callback URLs, status and intention list of each participant, and the transitions seen")
    @APIResponse(responseCode = "200", description = "The LRA")
    @APIResponse(responseCode = "404", description = "Not a running or failed LRA (an ended one is in the history)",
            content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    public LraDetail detail(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        return admin.detail(AdminQueries.uid(id));
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Force an Active LRA to close", description = "As if its initiator had closed it: every "
            + "participant is asked to complete")
    @APIResponse(responseCode = "200", description = "The LRA's status afterwards")
    @APIResponse(responseCode = "409", description = "The LRA is not Active (lra-not-active)",
            content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such LRA", content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    public ActionResult close(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        return admin.end(AdminQueries.uid(id), false);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Force an Active LRA to cancel", description = "Every participant is asked to compensate")
    @APIResponse(responseCode = "200", description = "The LRA's status afterwards")
    @APIResponse(responseCode = "409", description = "The LRA is not Active (lra-not-active)",
            content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such LRA", content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    public ActionResult cancel(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        return admin.end(AdminQueries.uid(id), true);
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Retry a Closing, Cancelling or failed LRA now",
            description = "Closing/Cancelling: runs a recovery pass at once instead of waiting for the next periodic "
                    + "one. FailedToClose/FailedToCancel (after repairing what made a participant fail): calls the "
                    + "complete/compensate of every participant that had not finished; when all have, the LRA ends "
                    + "Closed/Cancelled and goes to the history, otherwise it stays failed and `participants` says "
                    + "what each one answered")
    @APIResponse(responseCode = "200", description = "The LRA's status after the retry")
    @APIResponse(responseCode = "409", description = "Nothing to retry (lra-not-retryable): still Active",
            content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such LRA", content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    public ActionResult retry(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        return admin.retry(AdminQueries.uid(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Forget a failed LRA", description = "After its participants were repaired by hand: "
            + "removes its log. Its end stays in the history.")
    @APIResponse(responseCode = "204", description = "Forgotten")
    @APIResponse(responseCode = "409", description = "The LRA has not ended (lra-active)",
            content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such LRA", content = @Content(mediaType = AdminProblem.MEDIA_TYPE))
    public Response forget(@Parameter(description = ID_DOC) @PathParam("id") String id) {
        admin.forget(AdminQueries.uid(id));
        return Response.noContent().build();
    }
}
