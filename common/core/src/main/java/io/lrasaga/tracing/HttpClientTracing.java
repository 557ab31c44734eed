package io.lrasaga.tracing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
 * Client spans and W3C trace context ({@code traceparent}) for calls made with
 * {@code java.net.http}, which Quarkus does not instrument: without it the coordinator would
 * see the runtime's join and status calls as the roots of new traces.
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

    /**
     * Sends the request in a client span of the current trace, with the trace context in its
     * headers, and {@code lra.id} on the span.
     */
    public <T> HttpResponse<T> send(HttpClient client, HttpRequest.Builder request, String lraId,
            HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        HttpRequest untraced = request.build();
        URI uri = untraced.uri();
        Span span = tracer.spanBuilder(untraced.method())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, untraced.method())
                .setAttribute(URL, uri.toString())
                .setAttribute(SERVER, uri.getHost())
                .setAttribute(PORT, (long) (uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80))
                .setAttribute(SagaSpans.LRA_ID, lraId)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            propagator.inject(Context.current(), request, HttpRequest.Builder::setHeader);
            HttpResponse<T> response = client.send(request.build(), body);
            span.setAttribute(STATUS, (long) response.statusCode());
            if (response.statusCode() >= 400) {
                span.setAttribute(ERROR_TYPE, String.valueOf(response.statusCode()));
                span.setStatus(StatusCode.ERROR);
            }
            return response;
        } catch (IOException | InterruptedException | RuntimeException e) {
            span.setAttribute(ERROR_TYPE, e.getClass().getName());
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }
}
