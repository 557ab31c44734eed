package io.lrasaga.coordinator.tracing;

import java.util.List;

import io.lrasaga.coordinator.store.LraIds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;

/**
 * Puts {@code lra.id} (the LRA's URL, as participants see it in the {@code Long-Running-Action}
 * header) on the server span of every protocol request about one LRA: its start, the joins,
 * status queries, close and cancel. A tracing backend then finds the coordinator's part of a
 * saga by the same attribute as the services' part.
 */
@Provider
public class LraSpanFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final AttributeKey<String> LRA_ID = AttributeKey.stringKey("lra.id");
    private static final String ROOT = "lra-coordinator";

    @Override
    public void filter(ContainerRequestContext request) {
        List<PathSegment> path = request.getUriInfo().getPathSegments();
        if (path.size() < 2 || !ROOT.equals(path.get(0).getPath())) {
            return;
        }
        // lra-coordinator/{uid}[/...] and lra-coordinator/nested/{uid}/...; "start" and
        // "recovery" are no uids.
        int at = "nested".equals(path.get(1).getPath()) ? 2 : 1;
        if (path.size() > at) {
            LraIds.uid(path.get(at).getPath()).ifPresent(uid -> Span.current().setAttribute(LRA_ID,
                    request.getUriInfo().getBaseUriBuilder().path(ROOT).path(uid).build().toString()));
        }
    }

    /** A started LRA is known only once the start answered: its id is the answer's Location. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = response.getHeaders().getFirst("Location");
        if (started != null && "POST".equals(request.getMethod())
                && request.getUriInfo().getPath().startsWith("/" + ROOT + "/start")) {
            Span.current().setAttribute(LRA_ID, started.toString());
        }
    }
}
