package io.lrasaga.coordinator.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lrasaga.coordinator.recovery.RecoveryRunner;
import io.lrasaga.coordinator.security.Roles;
import io.lrasaga.coordinator.store.LraStore;

@Path("/admin/recovery")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coordinator admin: recovery")
@SecurityRequirement(name = "admin")
public class RecoveryAdminResource {

    /** How long the pass took and what the coordinator holds afterwards. */
    public record PassResult(long durationMillis, int inMemory, int failed) {
    }

    @Inject
    RecoveryRunner recovery;

    @Inject
    LraStore store;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Run a recovery pass now", description = "Reloads LRAs from the store and retries the "
            + "complete/compensate calls of every Closing or Cancelling LRA; answers when the pass is done")
    @APIResponse(responseCode = "200", description = "The pass ran")
    @APIResponse(responseCode = "401", description = "No or wrong credentials")
    @APIResponse(responseCode = "403", description = "Not an operator")
    public PassResult pass() {
        long millis = recovery.passNow().toMillis();
        return new PassResult(millis, store.inMemory().size(), store.failed().size());
    }
}
