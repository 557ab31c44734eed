package io.lrasaga.transactions;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.lrasaga.coordinator.outbound.ParticipantHttp;
import jakarta.inject.Singleton;

/**
 * HTTP calls of transactions — to participant services and to this coordinator's own LRA API
 * — on one shared, kept-alive client. A failure says whether the request can have arrived: a
 * refused connection certainly did not (safe to retry), a timeout may have.
 */
@Singleton
public class ServiceCalls {

    public record Reply(int status, String contentType, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem type of a problem+json answer, or empty. */
        String problemType() {
            return body.path("type").asText("");
        }

        String text() {
            return body.isTextual() ? body.asText() : body.toString();
        }
    }

    public static final class CallFailed extends Exception {
        enum Kind {
            /** No connection: the request never reached the service. */
            NOT_DELIVERED,
            /** No answer in time: the request may have been carried out. */
            TIMED_OUT,
            /** The connection broke: the request may have been carried out. */
            BROKEN
        }

        private final Kind kind;

        CallFailed(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;

    ServiceCalls(ObjectMapper json, ParticipantHttp http) {
        this.json = json;
        this.http = http.client();
    }

    public Reply send(String method, URI uri, Map<String, String> headers, JsonNode body, Duration timeout)
            throws CallFailed {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(positive(timeout)).method(method, publisher)
                .header("Accept", "application/json, application/problem+json, text/plain");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new Reply(response.statusCode(), contentType, parse(response.body()));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new CallFailed(CallFailed.Kind.NOT_DELIVERED, uri.getHost() + ":" + uri.getPort()
                    + " cannot be reached");
        } catch (HttpTimeoutException e) {
            throw new CallFailed(CallFailed.Kind.TIMED_OUT, "no answer from " + uri + " within " + timeout.toMillis()
                    + " ms");
        } catch (IOException e) {
            throw new CallFailed(CallFailed.Kind.BROKEN, "the call of " + uri + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(CallFailed.Kind.BROKEN, "interrupted");
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException notJson) {
            return json.getNodeFactory().textNode(body);
        }
    }

    private static Duration positive(Duration timeout) {
        return timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }
}
