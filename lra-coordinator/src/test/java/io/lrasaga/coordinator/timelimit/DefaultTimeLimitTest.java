package io.lrasaga.coordinator.timelimit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The coordinator gives a default time limit to LRAs started without one, and caps long ones. */
@QuarkusTest
@TestProfile(DefaultTimeLimitTest.Limits.class)
class DefaultTimeLimitTest {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lra-saga.coordinator.default-time-limit", "1m",
                    "lra-saga.coordinator.max-time-limit", "2m");
        }
    }

    private static Duration limitOf(String query) {
        Instant before = Instant.now();
        String lra = given().post("/lra-coordinator/start?ClientID=time-limit-test" + query)
                .then().statusCode(201).extract().asString();
        String uid = lra.substring(lra.lastIndexOf('/') + 1);
        String timeLimit = given().auth().preemptive().basic("viewer", "viewer-secret")
                .get("/admin/lras/" + uid).then().statusCode(200).extract().path("lra.timeLimit");
        given().put(lra + "/close").then().statusCode(200);
        return Duration.between(before, Instant.parse(timeLimit));
    }

    private static void assertAbout(Duration expected, Duration actual) {
        assertTrue(actual.compareTo(expected.minusSeconds(10)) > 0 && actual.compareTo(expected.plusSeconds(10)) < 0,
                "expected about " + expected + ", was " + actual);
    }

    @Test
    void anLraStartedWithoutALimitGetsTheDefault() {
        assertAbout(Duration.ofMinutes(1), limitOf(""));
        assertAbout(Duration.ofMinutes(1), limitOf("&TimeLimit=0"));
    }

    @Test
    void aLongerLimitIsCutToTheMaximum() {
        assertAbout(Duration.ofMinutes(2), limitOf("&TimeLimit=3600000"));
        assertAbout(Duration.ofSeconds(30), limitOf("&TimeLimit=30000"));
    }
}
