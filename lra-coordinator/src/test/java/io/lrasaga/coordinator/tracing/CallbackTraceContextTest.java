package io.lrasaga.coordinator.tracing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's callbacks carry W3C trace context with its default settings, which record
 * nothing: a close's callbacks continue the trace of the close request (not sampled), and a
 * callback of a recovery pass belongs to a trace of its own.
 */
@QuarkusTest
class CallbackTraceContextTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aCloseCallbackContinuesTheCallersTraceAndRecordsNothingByDefault() {
        String traceId = randomHex(16);
        String participant = "probe-" + UUID.randomUUID();
        String lra = startWith(participant);

        given().header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .put(lra + "/close").then().statusCode(200);

        await().atMost(DEADLINE).until(() -> !TraceProbe.of(participant).traceparents.isEmpty());
        String[] callback = TraceProbe.of(participant).traceparents.get(0).split("-");
        assertEquals(4, callback.length, "a W3C traceparent: " + String.join("-", callback));
        assertEquals(traceId, callback[1], "the callback is part of the close request's trace");
        assertEquals("00", callback[3], "not sampled: the default ratio 0 records and exports nothing");
    }

    @Test
    void aRecoveryPassCallbackIsANewTrace() {
        String sagaTrace = randomHex(16);
        String participant = "probe-" + UUID.randomUUID();
        TraceProbe.of(participant).unavailableFirst.set(1);
        String lra = startWith(participant);

        given().header("traceparent", "00-" + sagaTrace + "-" + randomHex(8) + "-01").put(lra + "/close");
        await().atMost(DEADLINE).until(() -> TraceProbe.of(participant).traceparents.size() == 1);

        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            given().get("/lra-coordinator/recovery").then().statusCode(200);
            return TraceProbe.of(participant).done;
        });
        String[] retry = TraceProbe.of(participant).traceparents.get(1).split("-");
        assertEquals(4, retry.length, "a W3C traceparent: " + String.join("-", retry));
        assertNotEquals(sagaTrace, retry[1], "recovery runs outside the saga's request");
        assertTrue(retry[1].matches("[0-9a-f]{32}") && !retry[1].equals("0".repeat(32)));
    }

    private static String startWith(String participant) {
        String lra = given().queryParam("ClientID", participant).queryParam("TimeLimit", 60_000)
                .post("/lra-coordinator/start").then().statusCode(201).extract().asString();
        given().contentType("text/plain")
                .body("http://localhost:" + RestAssured.port + "/trace-probe/" + participant)
                .put(lra).then().statusCode(200);
        return lra;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
