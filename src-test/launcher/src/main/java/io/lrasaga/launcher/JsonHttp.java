package io.lrasaga.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A small JSON-over-HTTP client on java.net.http, for the launcher's demo and the
 * end-to-end tests. (JAX-RS ClientBuilder cannot be used next to the LRA jars outside
 * Quarkus: their service file names RESTEasy Classic.)
 */
public final class JsonHttp {

    public record Reply(int status, String contentType, JsonNode body) {
        public String text(String field) {
            JsonNode node = body.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Duration requestTimeout;

    public JsonHttp() {
        this(Duration.ofSeconds(60));
    }

    /** @param requestTimeout how long a request may wait for its answer before it fails */
    public JsonHttp(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    public Reply get(String url) {
        return get(url, Map.of());
    }

    public Reply get(String url, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    public Reply post(String url, Object body) {
        return post(url, body, Map.of());
    }

    public Reply post(String url, Object body, Map<String, String> headers) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply put(String url, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.noBody()), headers);
    }

    private Reply send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        request.timeout(requestTimeout);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = MissingNode.getInstance();
            if (!response.body().isBlank()) {
                try {
                    body = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    body = JSON.getNodeFactory().textNode(response.body());
                }
            }
            return new Reply(response.statusCode(), contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
