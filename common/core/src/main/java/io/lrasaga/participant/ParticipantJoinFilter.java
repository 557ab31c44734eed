package io.lrasaga.participant;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Before a {@link Compensable} step runs: joins its LRA (once per LRA in this process) with
 * the runtime's participant endpoints, and tells the store capture which LRA the step's
 * writes belong to. Runs after the {@link LraContextGuard} has refused untrusted coordinators,
 * and before Narayana's LRA filter, which clears the context of requests that are not its own.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR - 500)
public class ParticipantJoinFilter implements ContainerRequestFilter {

    static final String PARTICIPANT_PATH = "lra-saga/participant";
    private static final int REMEMBERED_JOINS = 10_000;

    // LRAs this process has joined lately: a repeat join would only add a duplicate
    // participant record, whose callbacks the ledger answers idempotently anyway.
    private final Set<String> joined = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_JOINS;
                }
            }));

    // Concurrent first steps of one LRA must join once: the coordinator refuses a second,
    // simultaneous join of the same participant. Striped, so the set of locks stays bounded.
    private final Object[] joinLocks = new Object[64];

    {
        for (int i = 0; i < joinLocks.length; i++) {
            joinLocks[i] = new Object();
        }
    }

    @Context
    ResourceInfo resourceInfo;

    // Looked up per request: JAX-RS providers are built at static init, before runtime config.
    @Inject
    Instance<SagaContext> context;

    @Inject
    Instance<CoordinatorCalls> coordinator;

    @Inject
    Instance<ParticipantConfig> config;

    @Inject
    Instance<SagaMetrics> metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null || !(method.isAnnotationPresent(Compensable.class)
                || method.getDeclaringClass().isAnnotationPresent(Compensable.class))) {
            return;
        }
        String lra = context.get().receivedLra().orElse(null);
        try {
            if (lra == null) {
                throw new ProblemException(ProblemType.LRA_REQUIRED,
                        "a compensable step needs the " + LRA_HTTP_CONTEXT_HEADER + " header");
            }
            synchronized (joinLocks[Math.floorMod(lra.hashCode(), joinLocks.length)]) {
                if (!joined.contains(lra)) {
                    coordinator.get().join(lra, participantBase(request));
                    joined.add(lra);
                    metrics.get().joined();
                }
            }
            context.get().enter(lra);
        } catch (ProblemException refused) {
            request.abortWith(refused.problem().toResponse());
        }
    }

    private URI participantBase(ContainerRequestContext request) {
        String base = config.get().baseUri().orElse(request.getUriInfo().getBaseUri().toString());
        return URI.create((base.endsWith("/") ? base : base + "/") + PARTICIPANT_PATH);
    }
}
