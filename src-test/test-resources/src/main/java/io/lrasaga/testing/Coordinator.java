package io.lrasaga.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drives the real coordinator the way an initiator would (start, close, cancel, status),
 * so a participant's tests exercise the protocol end to end rather than calling its
 * callbacks by hand.
 */
public final class Coordinator {

    /** The admin password of the coordinator {@link CoordinatorResource} starts (user {@code operator}). */
    public static final String TEST_OPERATOR_PASSWORD = "test-operator-secret";

    /** The signed-callbacks key {@link CoordinatorResource} gives the coordinator and the service under test. */
    public static final String TEST_SIGNED_CALLBACKS_KEY = "test-signed-callbacks-key-0123456789abcdef";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    /** The coordinator the service under test is configured with ({@code quarkus.lra.coordinator-url}). */
    public static Coordinator ofServiceUnderTest() {
        return new Coordinator(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.lra.coordinator-url", String.class));
    }

    public Coordinator(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Starts a top-level LRA with a time limit and returns its id (a URL at the coordinator). */
    public URI start(String clientId, Duration timeLimit) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/start?ClientID="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&TimeLimit=" + timeLimit.toMillis()))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(response, 201);
        return URI.create(response.body().trim());
    }

    public void close(URI lra) {
        expect(send(HttpRequest.newBuilder(URI.create(lra + "/close")).PUT(HttpRequest.BodyPublishers.noBody())), 200);
    }

    public void cancel(URI lra) {
        expect(send(HttpRequest.newBuilder(URI.create(lra + "/cancel")).PUT(HttpRequest.BodyPublishers.noBody())), 200);
    }

    /** The coordinator's view of the LRA: Active, Closing, Closed, Cancelling, ...; "gone" once forgotten. */
    public String status(URI lra) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(lra + "/status")).GET());
        return response.statusCode() == 404 ? "gone" : response.body().trim();
    }

    /**
     * An operator's retry through the admin API (a FailedTo* LRA: its unfinished participants
     * are called again); returns the answer's JSON.
     */
    public String retry(URI lra) {
        String uid = lra.getPath().substring(lra.getPath().lastIndexOf('/') + 1);
        String root = baseUrl.substring(0, baseUrl.lastIndexOf("/lra-coordinator"));
        String credentials = java.util.Base64.getEncoder().encodeToString(("operator:" + TEST_OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(root + "/admin/lras/" + uid + "/retry"))
                .header("Authorization", "Basic " + credentials).POST(HttpRequest.BodyPublishers.noBody()));
        expect(response, 200);
        return response.body();
    }

    /** The JSON array of LRAs the coordinator still tracks. */
    public String list() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl)).GET());
        expect(response, 200);
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}
