package io.lrasaga.coordinator.admin;

import static io.lrasaga.coordinator.admin.AdminFixtures.clientId;
import static io.lrasaga.coordinator.admin.AdminFixtures.join;
import static io.lrasaga.coordinator.admin.AdminFixtures.operator;
import static io.lrasaga.coordinator.admin.AdminFixtures.start;
import static io.lrasaga.coordinator.admin.AdminFixtures.uid;
import static io.lrasaga.coordinator.admin.AdminFixtures.viewer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * An LRA that was Active during a recovery pass and closed before its time limit is never
 * compensated when that limit comes due. Narayana 1.0.0's pass reads a private copy of every
 * stored LRA, and a copy of an Active one arms its own time-limit timer, which the close of
 * the served LRA does not cancel: at the deadline the copy cancelled the LRA again and asked
 * participants that had completed to compensate (found by the benchmark: 18–30 of ~5 000
 * sagas a run, in clusters of LRAs in flight at the same pass).
 */
@QuarkusTest
class ClosedLraTimeLimitTest {

    private static final int LRAS = 8;
    private static final long TIME_LIMIT_MILLIS = 3_000;

    @Test
    void anLraClosedAfterARecoveryPassIsNotCompensatedAtItsTimeLimit() {
        String client = clientId();
        Instant started = Instant.now();
        List<String> lras = new ArrayList<>();
        List<String> participants = new ArrayList<>();
        for (int i = 0; i < LRAS; i++) {
            String lra = start(client, TIME_LIMIT_MILLIS);
            lras.add(lra);
            participants.add(join(lra, "ok"));
        }

        // the pass sees every one of them Active in the store
        operator().post("/admin/recovery").then().statusCode(200);

        for (int i = 0; i < LRAS; i++) {
            given().put(lras.get(i) + "/close").then().statusCode(200);
            TestParticipant.State state = TestParticipant.state(participants.get(i));
            assertEquals(1, state.completions.get(), "completions of " + lras.get(i));
        }

        // Until well past the deadline, no participant hears of a compensation.
        Duration pastDeadline = Duration.between(Instant.now(), started.plusMillis(TIME_LIMIT_MILLIS + 2_000));
        await().during(pastDeadline).atMost(pastDeadline.plusSeconds(5)).pollInterval(Duration.ofMillis(50))
                .failFast("a participant of a closed LRA was asked to compensate", () -> compensated(participants) > 0)
                .until(() -> compensated(participants) == 0);

        for (String lra : lras) {
            viewer().get("/admin/history/" + uid(lra)).then().statusCode(200).body("status", equalTo("Closed"));
        }
    }

    private static long compensated(List<String> participants) {
        return participants.stream().filter(p -> TestParticipant.state(p).compensations.get() > 0).count();
    }
}
