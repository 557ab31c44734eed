package io.lrasaga.coordinator.security;

import java.net.URI;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import io.lrasaga.coordinator.admin.AdminProblem;

/**
 * Refuses admin actions a browser sends on behalf of another site. A browser that holds the
 * dashboard's Basic credentials sends them with any request to the coordinator, including a
 * form another site posts; such a request carries {@code Sec-Fetch-Site: cross-site} (or an
 * {@code Origin} of another host in browsers without fetch metadata). Clients that are not
 * browsers (curl, scripts) send neither header and are not affected.
 */
@Provider
public class CrossSiteGuard implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> ALLOWED_SITES = Set.of("same-origin", "none");

    @Override
    public void filter(ContainerRequestContext request) {
        if (READS.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/admin")) {
            return;
        }
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (site != null) {
            if (!ALLOWED_SITES.contains(site.toLowerCase())) {
                throw AdminProblem.crossSite("Sec-Fetch-Site: " + site);
            }
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameHost(origin, request.getHeaderString(HttpHeaders.HOST))) {
            throw AdminProblem.crossSite("Origin: " + origin);
        }
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            if (host == null || uri.getHost() == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.equalsIgnoreCase(host) || (uri.getPort() < 0 && host.equalsIgnoreCase(uri.getHost()
                    + (uri.getScheme().equals("https") ? ":443" : ":80")));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
