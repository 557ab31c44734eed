package io.lrasaga.tracing;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import io.lrasaga.participant.SagaContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Puts {@code lra.id} on the server span of every request that works under an LRA: a step or
 * a callback whose header the context guard accepted, or an {@code @LRA} method whose LRA
 * Narayana's filter started or joined. Runs after both, so a request they refused (an
 * untrusted coordinator, an LRA that is gone) is never tagged with an LRA it did not work in.
 */
@Provider
@Priority(Priorities.USER + 100)
public class LraSpanFilter implements ContainerRequestFilter {

    // Looked up per request: JAX-RS providers are built at static init, before runtime config.
    @Inject
    Instance<SagaContext> context;

    @Override
    public void filter(ContainerRequestContext request) {
        SagaSpans.tagCurrent(context.get().receivedLra()
                .orElseGet(() -> request.getHeaderString(LRA_HTTP_CONTEXT_HEADER)));
    }
}
