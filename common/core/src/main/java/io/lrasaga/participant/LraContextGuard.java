package io.lrasaga.participant;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemType;
import io.lrasaga.signedcallbacks.StatusAttestation;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.lra.annotation.AfterLRA;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.Forget;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.lra.annotation.ws.rs.Leave;

/**
 * Refuses a {@code Long-Running-Action} header that does not name an LRA of a trusted
 * coordinator. Runs before the LRA filter, so no join, status or close call ever goes to a
 * host a caller picked (no SSRF through the LRA context). The accepted LRA is kept in
 * {@link SagaContext#receivedLra()} for the runtime's own endpoints, and the LRA status the
 * coordinator signed on the request, if the signature verifies, in
 * {@link SagaContext#attestedStatus(String)}.
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

    @Inject
    Instance<StatusAttestation> attestation;

    @Context
    ResourceInfo resourceInfo;

    private static final List<Class<? extends Annotation>> NARAYANA_PARTICIPANT = List.of(Complete.class,
            Compensate.class, Status.class, Forget.class, AfterLRA.class, Leave.class);

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
        String signed = request.getHeaderString(StatusAttestation.HEADER);
        if (signed != null) {
            String lra = last;
            attestation.get().verify(signed, lra).flatMap(LraContextGuard::lraStatus)
                    .ifPresent(status -> context.get().attest(lra, status));
        }
        if (!narayanaHandles(resourceInfo.getResourceMethod())) {
            // The runtime's own endpoints and steps read the LRA from SagaContext. Narayana's
            // filter would only strip the header again, and its per-LRA cache is not safe for
            // concurrent requests of one LRA (an NPE in Current.addActiveLRACache).
            request.getHeaders().remove(LRA_HTTP_CONTEXT_HEADER);
        }
    }

    private static Optional<LRAStatus> lraStatus(String name) {
        try {
            return Optional.of(LRAStatus.valueOf(name));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static boolean narayanaHandles(Method method) {
        if (method == null) {
            return true;
        }
        if (method.isAnnotationPresent(LRA.class) || method.getDeclaringClass().isAnnotationPresent(LRA.class)) {
            return true;
        }
        for (Class<? extends Annotation> participant : NARAYANA_PARTICIPANT) {
            if (method.isAnnotationPresent(participant)) {
                return true;
            }
        }
        return false;
    }
}
