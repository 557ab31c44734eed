package io.lrasaga.participant;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.util.List;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a {@code Long-Running-Action} header that does not name an LRA of a trusted
 * coordinator. Runs before the LRA filter, so no join, status or close call ever goes to a
 * host a caller picked (no SSRF through the LRA context). The accepted LRA is kept in
 * {@link SagaContext#receivedLra()} for the runtime's own endpoints.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class LraContextGuard implements ContainerRequestFilter {

    // Looked up per request: JAX-RS providers are built at static init, before runtime config.
    @Inject
    Instance<TrustedCoordinators> coordinators;

    @Inject
    Instance<SagaMetrics> metrics;

    @Inject
    Instance<SagaContext> context;

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> values = request.getHeaders().get(LRA_HTTP_CONTEXT_HEADER);
        if (values == null || values.isEmpty()) {
            return;
        }
        String last = null;
        for (String value : values) {
            for (String lra : value.split(",")) {
                last = lra.trim();
                if (!coordinators.get().trusts(lra)) {
                    metrics.get().untrustedContext();
                    request.abortWith(Problem.of(ProblemType.UNTRUSTED_COORDINATOR,
                            "the " + LRA_HTTP_CONTEXT_HEADER + " header must name an LRA of a trusted coordinator")
                            .errors(List.of(new Problem.FieldError(LRA_HTTP_CONTEXT_HEADER, "untrusted coordinator")))
                            .toResponse());
                    return;
                }
            }
        }
        context.get().receive(last);
    }
}
