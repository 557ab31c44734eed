package io.lrasaga.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * The span attributes that make a saga searchable in a tracing backend: every span of a
 * request that works under an LRA carries its id, so one query finds the saga's work in every
 * service, including callbacks and recovery passes that run in traces of their own.
 */
public final class SagaSpans {

    /** The full LRA id (the coordinator's URL of the LRA), as in the {@code Long-Running-Action} header. */
    public static final AttributeKey<String> LRA_ID = AttributeKey.stringKey("lra.id");

    private SagaSpans() {
    }

    /** Marks the current span (the request's server span, or an active client span) as work of the LRA. */
    public static void tagCurrent(String lraId) {
        if (lraId != null && !lraId.isBlank()) {
            Span.current().setAttribute(LRA_ID, lraId);
        }
    }
}
