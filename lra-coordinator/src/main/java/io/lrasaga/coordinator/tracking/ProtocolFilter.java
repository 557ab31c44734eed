package io.lrasaga.coordinator.tracking;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;

import io.lrasaga.coordinator.metrics.LraMetrics;
import io.lrasaga.coordinator.store.LraIds;
import io.lrasaga.coordinator.store.LraStore;

/**
 * Watches the coordinator's own LRA protocol endpoints (Narayana's classes, which we do not
 * change): a start is counted, and the LRA a request touched is looked at by the tracker
 * before a close or cancel (to hold on to its participants, which Narayana drops as they
 * finish) and after every state-changing call.
 */
@Provider
public class ProtocolFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ROOT = "lra-coordinator";

    @Inject
    LraTracker tracker;

    @Inject
    LraMetrics metrics;

    @Inject
    LraStore store;

    @Override
    public void filter(ContainerRequestContext request) {
        if ("PUT".equals(request.getMethod())) {
            touched(request).ifPresent(uid -> tracker.reconcile(uid, idOf(request, uid)));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        List<PathSegment> path = request.getUriInfo().getPathSegments();
        if (path.isEmpty() || !ROOT.equals(path.get(0).getPath())) {
            return;
        }
        if ("POST".equals(request.getMethod()) && path.size() == 2 && "start".equals(path.get(1).getPath())) {
            if (response.getStatus() == 201 || response.getStatus() == 200) {
                metrics.started();
                Object location = response.getHeaders().getFirst("Location");
                String id = location != null ? location.toString() : String.valueOf(response.getEntity());
                LraIds.uid(id).ifPresent(uid -> tracker.reconcile(uid, URI.create(id)));
            }
            return;
        }
        if ("PUT".equals(request.getMethod())) {
            touched(request).ifPresent(uid -> tracker.reconcile(uid, idOf(request, uid)));
            return;
        }
        if ("GET".equals(request.getMethod()) && response.getStatus() == 404 && path.size() == 3
                && "status".equals(path.get(2).getPath())) {
            failedStatus(response, path.get(1).getPath());
        }
    }

    // Narayana answers 404 for an LRA that ended FailedToClose/FailedToCancel (it moved to the
    // failed records), though that is the LRA's status; participants asked to finish it again by
    // an operator's retry need to hear it to confirm the callback.
    private void failedStatus(ContainerResponseContext response, String segment) {
        LraIds.uid(segment).flatMap(store::failed).ifPresent(failed -> {
            response.setStatus(200);
            response.setEntity(failed.getLRAStatus().name(), null, jakarta.ws.rs.core.MediaType.TEXT_PLAIN_TYPE);
        });
    }

    // Narayana names an LRA after the base URI of the request that started it.
    private static URI idOf(ContainerRequestContext request, String uid) {
        return request.getUriInfo().getBaseUriBuilder().path(ROOT).path(uid).build();
    }

    // lra-coordinator/{uid}[/close|/cancel|/renew|/remove] and lra-coordinator/nested/{uid}/...
    private static Optional<String> touched(ContainerRequestContext request) {
        List<PathSegment> path = request.getUriInfo().getPathSegments();
        if (path.size() < 2 || !ROOT.equals(path.get(0).getPath())) {
            return Optional.empty();
        }
        String first = path.get(1).getPath();
        if ("nested".equals(first)) {
            return path.size() > 2 ? LraIds.uid(path.get(2).getPath()) : Optional.empty();
        }
        if ("recovery".equals(first) || "start".equals(first)) {
            return Optional.empty();
        }
        return LraIds.uid(first);
    }
}
