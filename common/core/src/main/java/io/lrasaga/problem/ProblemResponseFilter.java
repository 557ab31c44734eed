package io.lrasaga.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Error answers that never went through an exception mapper — a filter that aborted the
 * request, such as the LRA filter refusing a call without a {@code Long-Running-Action}
 * header — still reach the client as application/problem+json, with their text as detail.
 */
@Provider
public class ProblemResponseFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.getEntity() instanceof Problem) {
            return;
        }
        if (response.getEntity() instanceof String body && isParticipantStatus(body)) {
            // A participant's failed complete/compensate: the LRA protocol wants the status as the body.
            return;
        }
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(Problem.MEDIA)) {
            // Already a problem, e.g. one kept by the idempotency store and replayed as text.
            return;
        }
        boolean plainOrEmpty = response.getEntity() == null || response.getEntity() instanceof String
                || (type != null && type.isCompatible(MediaType.TEXT_PLAIN_TYPE));
        if (!plainOrEmpty) {
            return;
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType != null ? statusType.getReasonPhrase() : "HTTP " + status;
        String detail = response.getEntity() == null ? title : response.getEntity().toString();
        String id = switch (status) {
            case 404 -> ProblemType.NOT_FOUND.id();
            case 412 -> ProblemType.LRA_REQUIRED.id();
            default -> status >= 500 ? ProblemType.INTERNAL.id() : "http-" + status;
        };
        response.setEntity(new Problem(id, title, status, detail), null, Problem.MEDIA);
    }

    private static boolean isParticipantStatus(String body) {
        for (org.eclipse.microprofile.lra.annotation.ParticipantStatus status
                : org.eclipse.microprofile.lra.annotation.ParticipantStatus.values()) {
            if (status.name().equals(body)) {
                return true;
            }
        }
        return false;
    }
}
