package io.lrasaga.participant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import io.lrasaga.tracing.HttpClientTracing;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.lra.annotation.LRAStatus;

/**
 * The few calls a participant makes to the coordinator that owns an LRA, on one shared,
 * kept-alive HTTP client. Callers pass only LRA ids that {@link TrustedCoordinators} accepted.
 * Each call is a client span of the current trace, so the coordinator's handling of it joins
 * the saga's trace.
 */
@Singleton
public class CoordinatorCalls {

    private final HttpClient http;
    private final Duration timeout;
    private final HttpClientTracing tracing;

    CoordinatorCalls(ParticipantConfig config, HttpClientTracing tracing) {
        this.tracing = tracing;
        this.timeout = Duration.ofMillis(config.coordinatorTimeoutMillis());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** The coordinator's view of the LRA; empty when it no longer knows it. */
    public Optional<LRAStatus> status(String lraId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lraId + "/status"))
                .timeout(timeout)
                .header("Accept", "text/plain")
                .GET();
        HttpResponse<String> response = send(request, lraId);
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw unavailable("status of " + lraId + " answered " + response.statusCode());
        }
        try {
            return Optional.of(LRAStatus.valueOf(response.body().trim()));
        } catch (IllegalArgumentException unknown) {
            throw unavailable("status of " + lraId + " is " + response.body());
        }
    }

    /**
     * Enlists this service in the LRA with its participant endpoints (the MicroProfile LRA
     * join: a PUT to the LRA with the participant's links).
     */
    public void join(String lraId, URI participantBase) {
        String links = link("compensate", participantBase) + "," + link("complete", participantBase) + ","
                + link("status", participantBase) + "," + link("forget", participantBase);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lraId + "?TimeLimit=0"))
                .timeout(timeout)
                .header("Link", links)
                .header("Narayana-LRA-API-version", "1.2")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(links));
        HttpResponse<String> response = send(request, lraId);
        int status = response.statusCode();
        if (status == 200 || status == 201 || status == 204) {
            return;
        }
        if (status == 404 || status == 410 || status == 412) {
            throw new ProblemException(Problem.of(ProblemType.LRA_NOT_ACTIVE,
                    "cannot join " + lraId + ": the coordinator answered " + status));
        }
        throw unavailable("join of " + lraId + " answered " + status + ": " + response.body());
    }

    /** Starts a new LRA at the coordinator whose LRA API is at {@code coordinatorUrl}. */
    public URI start(String coordinatorUrl, String clientId, Duration timeLimit) {
        String base = coordinatorUrl.endsWith("/") ? coordinatorUrl.substring(0, coordinatorUrl.length() - 1)
                : coordinatorUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/start?ClientID="
                + java.net.URLEncoder.encode(clientId, java.nio.charset.StandardCharsets.UTF_8) + "&TimeLimit="
                + timeLimit.toMillis()))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> response = send(request, null);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw unavailable("starting an LRA answered " + response.statusCode() + ": " + response.body());
        }
        return URI.create(response.body().trim());
    }

    /**
     * Closes or cancels the LRA and answers the status the coordinator reports after it; empty
     * when the coordinator no longer knows the LRA (it ended before, e.g. by its time limit).
     * Throws 503 coordinator-unavailable when no answer came within {@code wait}.
     */
    public Optional<LRAStatus> end(URI lraId, boolean close, Duration wait) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lraId + (close ? "/close" : "/cancel")))
                .timeout(wait)
                .header("Accept", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> response = send(request, lraId.toASCIIString());
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            return Optional.empty();
        }
        if (status == 412) {
            // Ending an LRA that is no longer Active: its current status says how it ended.
            return status(lraId.toASCIIString());
        }
        if (status != 200 && status != 202) {
            throw unavailable((close ? "close" : "cancel") + " of " + lraId + " answered " + status);
        }
        try {
            return Optional.of(LRAStatus.valueOf(response.body().trim()));
        } catch (IllegalArgumentException notAStatus) {
            return status(lraId.toASCIIString());
        }
    }

    private static String link(String rel, URI base) {
        return "<" + base + "/" + rel + ">; rel=\"" + rel + "\"; title=\"" + rel + " URI\"; type=\"text/plain\"";
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String lraId) {
        try {
            return tracing.send(http, request, lraId, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable((lraId != null ? lraId : "the coordinator") + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(ProblemType.COORDINATOR_UNAVAILABLE, detail));
    }
}
