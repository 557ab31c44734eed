package io.lrasaga.participant;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;

import io.lrasaga.clientpool.PooledConnections;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import io.lrasaga.tracing.HttpClientTracing;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.lra.annotation.LRAStatus;

/**
 * The few calls a participant makes to the coordinator that owns an LRA, on the application's
 * pooled, kept-alive connections ({@link PooledConnections}: blocking calls on the caller's
 * thread; {@code java.net.http} hands every call to its selector thread and back, which was 9 %
 * of a participant's CPU). Callers pass only LRA ids that {@link TrustedCoordinators} accepted.
 * Each call is a client span of the current trace, so the coordinator's handling of it joins
 * the saga's trace.
 */
@Singleton
public class CoordinatorCalls {

    private static final ContentType TEXT = ContentType.create("text/plain", StandardCharsets.UTF_8);

    private final CloseableHttpClient http;
    private final Duration timeout;
    private final RequestConfig timeouts;
    private final HttpClientTracing tracing;

    CoordinatorCalls(ParticipantConfig config, HttpClientTracing tracing) {
        this.tracing = tracing;
        this.timeout = Duration.ofMillis(config.coordinatorTimeoutMillis());
        this.timeouts = timeouts(timeout);
        this.http = PooledConnections.httpClient();
    }

    /** An answer of the coordinator, read whole so that its connection goes back to the pool. */
    private record Answer(int status, String body) {
    }

    /** The coordinator's view of the LRA; empty when it no longer knows it. */
    public Optional<LRAStatus> status(String lraId) {
        HttpGet request = new HttpGet(URI.create(lraId + "/status"));
        request.setHeader("Accept", "text/plain");
        Answer response = send(request, timeouts, lraId);
        if (response.status() == 404 || response.status() == 410) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw unavailable("status of " + lraId + " answered " + response.status());
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
        HttpPut request = new HttpPut(URI.create(lraId + "?TimeLimit=0"));
        request.setHeader("Link", links);
        request.setHeader("Narayana-LRA-API-version", "1.2");
        request.setEntity(new StringEntity(links, TEXT));
        Answer response = send(request, timeouts, lraId);
        int status = response.status();
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
        HttpPost request = new HttpPost(URI.create(base + "/start?ClientID="
                + java.net.URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&TimeLimit="
                + timeLimit.toMillis()));
        Answer response = send(request, timeouts, null);
        if (response.status() != 201 && response.status() != 200) {
            throw unavailable("starting an LRA answered " + response.status() + ": " + response.body());
        }
        return URI.create(response.body().trim());
    }

    /**
     * Closes or cancels the LRA and answers the status the coordinator reports after it; empty
     * when the coordinator no longer knows the LRA (it ended before, e.g. by its time limit).
     * Throws 503 coordinator-unavailable when no answer came within {@code wait}.
     */
    public Optional<LRAStatus> end(URI lraId, boolean close, Duration wait) {
        HttpPut request = new HttpPut(URI.create(lraId + (close ? "/close" : "/cancel")));
        request.setHeader("Accept", "text/plain");
        Answer response = send(request, timeouts(wait), lraId.toASCIIString());
        int status = response.status();
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

    /**
     * Connecting and waiting for a pooled connection are bounded by the coordinator timeout,
     * the answer by {@code wait} (no byte for that long: the coordinator answers in one go).
     */
    private RequestConfig timeouts(Duration wait) {
        int connect = (int) timeout.toMillis();
        return RequestConfig.custom()
                .setConnectTimeout(connect)
                .setConnectionRequestTimeout(connect)
                .setSocketTimeout((int) wait.toMillis())
                .build();
    }

    private Answer send(HttpRequestBase request, RequestConfig config, String lraId) {
        request.setConfig(config);
        try {
            return tracing.send(request.getMethod(), request.getURI(), lraId, request::setHeader, () -> {
                try (CloseableHttpResponse response = http.execute(request)) {
                    HttpEntity entity = response.getEntity();
                    String body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
                    return new Answer(response.getStatusLine().getStatusCode(), body);
                }
            }, Answer::status);
        } catch (IOException e) {
            throw unavailable((lraId != null ? lraId : "the coordinator") + ": " + e.getMessage());
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(ProblemType.COORDINATOR_UNAVAILABLE, detail));
    }
}
