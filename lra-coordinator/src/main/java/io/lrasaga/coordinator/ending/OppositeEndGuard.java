package io.lrasaga.coordinator.ending;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.lra.annotation.LRAStatus;

import io.lrasaga.coordinator.store.LraIds;
import io.lrasaga.coordinator.store.LraStore;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * Refuses to cancel a top-level LRA that is Closing, or to close one that is Cancelling: 412,
 * as Narayana answers for an LRA that has ended.
 *
 * <p>Narayana 1.0.0 refuses to end an LRA that is not Active unless it is "recovering" — and
 * a Closing LRA whose participant could not be reached counts as recovering, so a cancel went
 * through: participants that had completed were then asked to compensate (and rightly kept
 * their completed work), the others compensated, and the saga ended split — an order CANCELLED
 * with its payment kept (found by the chaos runner, seed 29: PostgreSQL killed while orders
 * were closing; orders' answer was a 500, on which the LRA filter cancels).
 */
@Provider
public class OppositeEndGuard implements ContainerRequestFilter {

    private static final String PROTOCOL = "/lra-coordinator/";

    @Inject
    LraStore store;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!"PUT".equals(request.getMethod()) || !path.startsWith(PROTOCOL)) {
            return;
        }
        boolean cancel = path.endsWith("/cancel");
        if (!cancel && !path.endsWith("/close")) {
            return;
        }
        String id = path.substring(PROTOCOL.length(), path.lastIndexOf('/'));
        LRAStatus opposite = cancel ? LRAStatus.Closing : LRAStatus.Cancelling;
        Optional<LongRunningAction> lra = LraIds.uid(id).flatMap(store::inMemory);
        // Top-level only: a closed nested LRA must stay cancellable, its participants are
        // compensated when it (or its parent) is cancelled later (MicroProfile LRA, nested LRAs).
        if (lra.isPresent() && lra.get().isTopLevel() && lra.get().getLRAStatus() == opposite) {
            request.abortWith(Response.status(Response.Status.PRECONDITION_FAILED).type(MediaType.TEXT_PLAIN)
                    .entity(id + ": LRA is " + opposite + ", it cannot be " + (cancel ? "cancelled" : "closed"))
                    .build());
        }
    }
}
