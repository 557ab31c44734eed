package io.lrasaga.coordinator.dashboard;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The page is static ({@code META-INF/resources/dashboard/}), served at {@code /dashboard/};
 * {@code /dashboard} leads there so that the page's relative links resolve under it.
 */
@Path("/dashboard")
public class DashboardRedirect {

    @GET
    @Operation(hidden = true)
    public Response toPage() {
        return Response.seeOther(URI.create("dashboard/")).build();
    }
}
