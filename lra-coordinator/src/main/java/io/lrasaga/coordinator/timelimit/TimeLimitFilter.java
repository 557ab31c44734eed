package io.lrasaga.coordinator.timelimit;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;

/**
 * Applies {@link TimeLimitConfig} to {@code POST /lra-coordinator/start} (and nested starts)
 * by rewriting the request's {@code TimeLimit} before Narayana's coordinator reads it.
 */
@Provider
@PreMatching
@Priority(Priorities.USER)
public class TimeLimitFilter implements ContainerRequestFilter {

    static final String PARAMETER = "TimeLimit";

    @Inject
    TimeLimitConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || (config.defaultTimeLimit().isEmpty() && config.maxTimeLimit().isEmpty())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (!path.equals("/lra-coordinator/start") && !path.equals("lra-coordinator/start")) {
            return;
        }
        long askedMillis = parse(request.getUriInfo().getQueryParameters().get(PARAMETER));
        if (askedMillis < 0) {
            return; // Narayana answers a malformed or negative limit itself
        }
        long limit = effective(askedMillis, config.defaultTimeLimit().map(Duration::toMillis).orElse(0L),
                config.maxTimeLimit().map(Duration::toMillis).orElse(0L));
        if (limit != askedMillis) {
            request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                    .replaceQueryParam(PARAMETER, limit).build());
        }
    }

    /** The limit to use, in ms (0 = none): the asked one, else the default, cut to the maximum. */
    static long effective(long asked, long defaultLimit, long max) {
        long limit = asked > 0 ? asked : defaultLimit;
        if (max > 0 && (limit <= 0 || limit > max)) {
            limit = max;
        }
        return limit;
    }

    // Narayana reads TimeLimit as a long; anything else it refuses itself, so leave that to it.
    private static long parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(values.get(0).strip());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
