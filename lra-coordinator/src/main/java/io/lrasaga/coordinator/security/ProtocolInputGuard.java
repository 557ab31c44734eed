package io.lrasaga.coordinator.security;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.ext.Provider;

import io.lrasaga.coordinator.admin.AdminProblem;
import io.lrasaga.coordinator.store.LraIds;
import io.lrasaga.coordinator.store.LraStore;
import io.lrasaga.coordinator.tracking.ParticipantLinks;

/**
 * Input of the LRA protocol that Narayana mishandles, refused before it reaches Narayana (found
 * by CoordinatorAbuseTest): a {@code Link} header that cannot be parsed (Narayana answered 500),
 * and a start with a {@code ParentLRA} of this coordinator that does not exist (Narayana answered
 * 404 but left the new LRA Active, with no time limit, for ever). Everything else stays
 * Narayana's to answer.
 */
@Provider
public class ProtocolInputGuard implements ContainerRequestFilter {

    private static final String PROTOCOL = "/lra-coordinator";

    @Inject
    LraStore store;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(PROTOCOL)) {
            return;
        }
        String links = request.getHeaderString("Link");
        if (links != null) {
            for (String link : links.split(",")) {
                if (ParticipantLinks.isPlain(link.trim())) {
                    continue; // the form every participant sends, which RESTEasy reads
                }
                try {
                    Link.valueOf(link.trim());
                } catch (IllegalArgumentException unreadable) {
                    throw AdminProblem.invalidParameter("Link", "not a Link header: " + unreadable.getMessage());
                }
            }
        }
        String parent = request.getUriInfo().getQueryParameters().getFirst("ParentLRA");
        if ("POST".equals(request.getMethod()) && path.equals(PROTOCOL + "/start") && parent != null
                && isOurs(parent, request.getUriInfo().getBaseUri())
                && LraIds.uid(parent).map(uid -> !store.inMemory().containsKey(uid)).orElse(true)) {
            throw AdminProblem.notFound("ParentLRA " + parent + " is not an LRA of this coordinator");
        }
    }

    private static boolean isOurs(String lra, URI base) {
        try {
            URI uri = URI.create(lra);
            return base.getHost() != null && base.getHost().equalsIgnoreCase(uri.getHost())
                    && base.getPort() == uri.getPort() && uri.getPath() != null
                    && uri.getPath().startsWith(PROTOCOL + "/");
        } catch (IllegalArgumentException notAUrl) {
            // Narayana answers it with its own 400.
            return false;
        }
    }
}
