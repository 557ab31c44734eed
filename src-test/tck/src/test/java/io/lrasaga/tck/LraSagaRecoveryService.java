package io.lrasaga.tck;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

import org.eclipse.microprofile.lra.tck.service.spi.LRACallbackException;
import org.eclipse.microprofile.lra.tck.service.spi.LRARecoveryService;

/**
 * The TCK's recovery hooks for the lra-saga coordinator, over plain java.net.http (a JAX-RS
 * ClientBuilder next to the LRA jars picks RESTEasy Classic whatever the application uses).
 * <ul>
 * <li>{@link #waitForCallbacks}: the coordinator sends complete/compensate synchronously while it
 * closes/cancels, and forgets the LRA once every participant ended, so poll the LRA until it
 * answers 404, for at most {@code lra.tck.callback.timeout} ms (default 1000): an LRA whose
 * participants answered 202 stays until recovery, which is not an error here.</li>
 * <li>{@link #waitForEndPhaseReplay}: {@code GET <coordinator>/recovery} runs a recovery pass
 * (replaying the end phase of every Closing/Cancelling LRA) and lists the LRAs still
 * recovering; the LRA has reached its end when neither that list nor the list of all LRAs
 * ({@code GET <coordinator>}) names it.</li>
 * </ul>
 */
public class LraSagaRecoveryService implements LRARecoveryService {

    private static final Logger LOG = Logger.getLogger(LraSagaRecoveryService.class.getName());
    private static final Duration CALLBACK_TIMEOUT = Duration.ofMillis(Long.getLong("lra.tck.callback.timeout", 1000));

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Override
    public void waitForCallbacks(URI lraId) throws LRACallbackException {
        Instant deadline = Instant.now().plus(CALLBACK_TIMEOUT);
        HttpRequest status = HttpRequest.newBuilder(lraId).timeout(Duration.ofSeconds(10)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            try {
                if (HTTP.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 404) {
                    return; // ended: every participant answered
                }
                Thread.sleep(50);
            } catch (IOException e) {
                throw new LRACallbackException("cannot reach the coordinator for " + lraId, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LRACallbackException("interrupted waiting for the callbacks of " + lraId, e);
            }
        }
        LOG.fine(() -> lraId + " still known to the coordinator after " + CALLBACK_TIMEOUT.toMillis() + " ms");
    }

    @Override
    public boolean waitForEndPhaseReplay(URI lraId) throws LRACallbackException {
        String coordinator = coordinatorUrl(lraId);
        String uid = uid(lraId);
        String recovering = get(coordinator + "/recovery");
        String all = get(coordinator);
        boolean ended = !recovering.contains(uid) && !all.contains(uid);
        LOG.info("recovery pass for " + lraId + ": " + (ended ? "ended" : "not ended yet"));
        return ended;
    }

    private static String get(String url) throws LRACallbackException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(120))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LRACallbackException("GET " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new LRACallbackException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LRACallbackException("interrupted: GET " + url, e);
        }
    }

    /** The coordinator the TCK run uses, else the LRA id without its last path segment. */
    static String coordinatorUrl(URI lraId) {
        String configured = System.getProperty("lra.coordinator.url");
        if (configured != null) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String path = lraId.getPath();
        return lraId.getScheme() + "://" + lraId.getRawAuthority() + path.substring(0, path.lastIndexOf('/'));
    }

    /** The LRA's uid: the last path segment of its id (nested LRA ids carry their parent in the query). */
    static String uid(URI lraId) {
        String path = lraId.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
