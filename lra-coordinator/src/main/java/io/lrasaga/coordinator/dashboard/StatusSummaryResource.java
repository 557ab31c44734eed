package io.lrasaga.coordinator.dashboard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lrasaga.coordinator.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/admin/summary")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
@Tag(name = "Coordinator admin: summary", description = "Counts by status and the LRAs that need an operator")
@SecurityRequirement(name = "admin")
public class StatusSummaryResource {

    @Inject
    StatusSummaries summaries;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "Counts by status, recent outcomes and stuck LRAs",
            description = "running: LRAs held now by status (Active, Closing, Cancelling, FailedToClose, "
                    + "FailedToCancel). recent: outcomes in the history that ended within recentWindowSeconds "
                    + "(lra-saga.coordinator.dashboard.recent-window). stuck: LRAs that need an operator, with the "
                    + "reason: FailedTo*, Closing/Cancelling longer than stuckAfterSeconds "
                    + "(lra-saga.coordinator.dashboard.stuck-after), Active past their time limit. user and "
                    + "operator: who asks and whether they may act. refreshSeconds: the dashboard's refresh interval.")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "401", description = "No or wrong credentials")
    public StatusSummary summary() {
        return summaries.summarize(identity.getPrincipal().getName(), identity.hasRole(Roles.OPERATOR));
    }
}
