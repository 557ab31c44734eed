package io.lrasaga.testing;

import static io.lrasaga.testing.BadRequest.call;
import static io.lrasaga.testing.BadRequest.post;
import static io.lrasaga.testing.ParticipantEndpoints.participantStatus;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lrasaga.signedcallbacks.StatusAttestation;

/**
 * The abuse cases every participant service shares: {@code Long-Running-Action} headers that
 * must be refused before any call to a coordinator, and forged or replayed callbacks on the
 * lra-saga participant endpoints.
 */
public final class ParticipantAbuse {

    private ParticipantAbuse() {
    }

    /** An LRA id at the coordinator that it never created. */
    public static String unknownLra(String coordinatorBase) {
        return coordinatorBase + "/0_ffff_7f000001_" + System.nanoTime();
    }

    /** {@code coordinatorBase}: the trusted coordinator's LRA base, e.g. http://host:port/lra-coordinator. */
    public static List<BadRequest> lraHeaders(String path, String body, String coordinatorBase) {
        return List.of(
                withLra(path, body, "an LRA header that is not a URL", "not a url", 400, "untrusted-coordinator"),
                withLra(path, body, "an LRA header of a foreign host", "http://169.254.169.254/lra-coordinator/0_ffff_1",
                        400, "untrusted-coordinator"),
                withLra(path, body, "an LRA header with user info", coordinatorBase.replace("://", "://user@") + "/x",
                        400, "untrusted-coordinator"),
                withLra(path, body, "an LRA header with a query", coordinatorBase + "/x?y=1", 400, "untrusted-coordinator"),
                withLra(path, body, "an LRA header of another scheme", coordinatorBase.replace("http:", "file:") + "/x",
                        400, "untrusted-coordinator"),
                withLra(path, body, "an LRA header climbing out of the coordinator", coordinatorBase + "/../q/health",
                        400, "untrusted-coordinator"),
                withLra(path, body, "an LRA header ending in ..", coordinatorBase + "/..", 400, "untrusted-coordinator"),
                withLra(path, body, "an LRA header ending in an encoded ..", coordinatorBase + "/%2e%2e", 400,
                        "untrusted-coordinator"),
                withLra(path, body, "an LRA header naming the coordinator itself", coordinatorBase, 400,
                        "untrusted-coordinator"),
                withLra(path, body, "an LRA at our coordinator that does not exist", unknownLra(coordinatorBase),
                        412, "lra-not-active"));
    }

    private static BadRequest withLra(String path, String body, String name, String header, int status, String type) {
        return post(path, name, body, status, type, null).header(LRA_HTTP_CONTEXT_HEADER, header);
    }

    /**
     * Callbacks nobody confirms — for an LRA that is running, that does not exist, of a foreign
     * coordinator, without the header — change nothing; after the genuine end, replays of both
     * callbacks only repeat the recorded outcome.
     *
     * @param step runs the service's saga step in the given LRA (which joins it)
     */
    public static void forgedAndReplayedCallbacksChangeNothing(Consumer<URI> step, Supplier<?> state,
            Runnable serving) {
        Coordinator coordinator = Coordinator.ofServiceUnderTest();
        URI running = coordinator.start("abuse", Duration.ofMinutes(5));
        step.accept(running);
        String lra = running.toASCIIString();
        String base = lra.substring(0, lra.lastIndexOf('/'));

        for (String callback : List.of("complete", "compensate")) {
            participant("PUT", callback, "forged " + callback + " of a running LRA", lra, 412, "callback-not-confirmed")
                    .assertRefusedChangingNothing(state, serving);
            participant("PUT", callback, "forged " + callback + " of an unknown LRA", unknownLra(base), 412,
                    "callback-not-confirmed").assertRefusedChangingNothing(state, serving);
            participant("PUT", callback, callback + " of a foreign coordinator", "http://evil.example/lra-coordinator/1",
                    400, "untrusted-coordinator").assertRefusedChangingNothing(state, serving);
            participant("PUT", callback, callback + " without the LRA header", null, 412, "lra-required")
                    .assertRefusedChangingNothing(state, serving);
            // The coordinator's signed status is taken only when it verifies: anything else is
            // ignored and the coordinator asked, which reports the LRA Active.
            String ending = callback.equals("complete") ? "Closing" : "Cancelling";
            Instant now = Instant.now();
            participant("PUT", callback, callback + " signed with another key", lra, 412, "callback-not-confirmed")
                    .header(StatusAttestation.HEADER, signed("another-key-0123456789abcdef0123456789", lra, ending, now))
                    .assertRefusedChangingNothing(state, serving);
            participant("PUT", callback, callback + " with a stale signature", lra, 412, "callback-not-confirmed")
                    .header(StatusAttestation.HEADER, signed(Coordinator.TEST_SIGNED_CALLBACKS_KEY, lra, ending,
                            now.minus(Duration.ofMinutes(10))))
                    .assertRefusedChangingNothing(state, serving);
            participant("PUT", callback, callback + " with another LRA's signature", lra, 412, "callback-not-confirmed")
                    .header(StatusAttestation.HEADER, signed(Coordinator.TEST_SIGNED_CALLBACKS_KEY, unknownLra(base),
                            ending, now))
                    .assertRefusedChangingNothing(state, serving);
            participant("PUT", callback, callback + " with a malformed signature", lra, 412, "callback-not-confirmed")
                    .header(StatusAttestation.HEADER, "status=" + ending + ";t=" + now.toEpochMilli() + ";sig=forged")
                    .assertRefusedChangingNothing(state, serving);
        }
        participant("GET", "status", "status of an unknown LRA", unknownLra(base), 410, "http-410")
                .assertRefusedChangingNothing(state, serving);
        participant("DELETE", "forget", "forget of an unknown LRA", unknownLra(base), 410, "http-410")
                .assertRefusedChangingNothing(state, serving);
        // Only a failed participant is ever forgotten: a running one keeps what undoes it.
        participant("DELETE", "forget", "forget of a running participant", lra, 410, "http-410")
                .assertRefusedChangingNothing(state, serving);
        participant("POST", "complete", "POST instead of PUT", lra, 405, "method-not-allowed")
                .assertRefusedChangingNothing(state, serving);
        assertEquals("Active", participantStatus(running));

        coordinator.cancel(running);
        await().atMost(Duration.ofSeconds(30)).until(() -> participantStatus(running).equals("Compensated"));
        Object ended = state.get();
        for (int i = 0; i < 3; i++) {
            given().header(LRA_HTTP_CONTEXT_HEADER, lra).put("/lra-saga/participant/compensate")
                    .then().statusCode(200).body(equalTo("Compensated"));
            given().header(LRA_HTTP_CONTEXT_HEADER, lra).put("/lra-saga/participant/complete")
                    .then().statusCode(200).body(equalTo("Compensated"));
        }
        assertEquals(ended, state.get(), "a replayed callback changed the data");
        serving.run();
    }

    private static String signed(String key, String lra, String status, Instant at) {
        return StatusAttestation.of(key, Duration.ofSeconds(30), Clock.fixed(at, ZoneOffset.UTC)).sign(lra, status)
                .orElseThrow();
    }

    private static BadRequest participant(String method, String callback, String name, String lra, int status,
            String type) {
        BadRequest bad = call(method, "/lra-saga/participant/" + callback, name, status, type, null);
        return lra == null ? bad : bad.header(LRA_HTTP_CONTEXT_HEADER, lra);
    }
}
