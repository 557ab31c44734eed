package io.lrasaga.tracing;

import java.io.IOException;
import java.net.URI;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.inject.Singleton;

/**
 * Client spans and W3C trace context ({@code traceparent}) for the runtime's own HTTP calls to
 * the coordinator (plain Apache HttpClient, which Quarkus does not instrument): without it the
 * coordinator would see the runtime's join and status calls as the roots of new traces.
 */
@Singleton
public class HttpClientTracing {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    HttpClientTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.lrasaga");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** One HTTP exchange, sent by whatever client the caller uses. */
    @FunctionalInterface
    public interface Exchange<T> {
        T send() throws IOException;
    }

    /**
     * Runs the exchange in a client span of the current trace, after putting the trace context
     * in the request's headers through {@code header}, with {@code lra.id} on the span and the
     * status {@code statusOf} reads from the answer.
     */
    public <T> T send(String method, URI uri, String lraId, BiConsumer<String, String> header,
            Exchange<T> exchange, ToIntFunction<T> statusOf) throws IOException {
        Span span = tracer.spanBuilder(method)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, method)
                .setAttribute(URL, uri.toString())
                .setAttribute(SERVER, uri.getHost())
                .setAttribute(PORT, (long) (uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80))
                .setAttribute(SagaSpans.LRA_ID, lraId)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            propagator.inject(Context.current(), header, (carrier, key, value) -> carrier.accept(key, value));
            T answer = exchange.send();
            int status = statusOf.applyAsInt(answer);
            span.setAttribute(STATUS, (long) status);
            if (status >= 400) {
                span.setAttribute(ERROR_TYPE, String.valueOf(status));
                span.setStatus(StatusCode.ERROR);
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            span.setAttribute(ERROR_TYPE, e.getClass().getName());
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }
}
