package io.lrasaga.coordinator.tracing;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.opentelemetry.runtime.tracing.intrumentation.restclient.OpenTelemetryClientFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Puts {@code lra.id} on the client span of each call the coordinator makes to a participant
 * (complete, compensate, status, forget, after). A callback of a recovery pass starts a trace
 * of its own, and this attribute is what finds it next to the saga's trace. Runs after
 * Quarkus' OpenTelemetry client filter, which leaves the call's span (not current on this
 * thread) in a request property.
 */
@Provider
@Priority(Priorities.USER + 100)
public class CallbackSpanFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        Object lra = request.getHeaders().getFirst(LRA_HTTP_CONTEXT_HEADER);
        if (lra != null && request.getProperty(
                OpenTelemetryClientFilter.REST_CLIENT_OTEL_SPAN_CLIENT_CONTEXT) instanceof Context call) {
            Span.fromContext(call).setAttribute(LraSpanFilter.LRA_ID, lra.toString());
        }
    }
}
