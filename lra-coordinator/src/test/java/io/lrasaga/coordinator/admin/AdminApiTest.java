package io.lrasaga.coordinator.admin;

import static io.lrasaga.coordinator.admin.AdminFixtures.clientId;
import static io.lrasaga.coordinator.admin.AdminFixtures.join;
import static io.lrasaga.coordinator.admin.AdminFixtures.joinWithStatus;
import static io.lrasaga.coordinator.admin.AdminFixtures.operator;
import static io.lrasaga.coordinator.admin.AdminFixtures.start;
import static io.lrasaga.coordinator.admin.AdminFixtures.uid;
import static io.lrasaga.coordinator.admin.AdminFixtures.viewer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.lrasaga.launcher.FreePort;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AdminApiTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void adminNeedsCredentialsAndTheRightRole() {
        given().get("/admin/lras").then().statusCode(401);
        given().auth().preemptive().basic("operator", "wrong").get("/admin/lras").then().statusCode(401);
        given().auth().preemptive().basic("nobody", "viewer-secret").get("/admin/history").then().statusCode(401);
        viewer().get("/admin/lras").then().statusCode(200);
        viewer().get("/admin/history").then().statusCode(200);
        viewer().post("/admin/recovery").then().statusCode(403);
        operator().post("/admin/recovery").then().statusCode(200).body("durationMillis", notNullValue());
        // the LRA protocol stays open, as the specification requires
        given().get("/lra-coordinator").then().statusCode(200);
    }

    @Test
    void listFiltersAndPages() {
        String client = clientId();
        for (int i = 0; i < 3; i++) {
            start(client, 600_000);
        }
        viewer().queryParam("clientId", client).get("/admin/lras").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items", hasSize(3))
                .body("items[0].status", equalTo("Active"))
                .body("items[0].participants", equalTo(0))
                .body("items[0].topLevel", equalTo(true))
                .body("items[0].timeLimit", notNullValue())
                .body("items[0].startTime", notNullValue());
        viewer().queryParam("clientId", client).queryParam("size", 2).get("/admin/lras").then()
                .body("items", hasSize(2)).body("page", equalTo(0)).body("total", equalTo(3));
        viewer().queryParam("clientId", client).queryParam("size", 2).queryParam("page", 1).get("/admin/lras")
                .then().body("items", hasSize(1));
        viewer().queryParam("clientId", client).queryParam("status", "Active").get("/admin/lras").then()
                .body("total", equalTo(3));
        viewer().queryParam("clientId", client).queryParam("status", "Closing").get("/admin/lras").then()
                .body("total", equalTo(0));
        viewer().queryParam("clientId", client).queryParam("olderThan", "PT1H").get("/admin/lras").then()
                .body("total", equalTo(0));
        viewer().queryParam("clientId", client).queryParam("olderThan", "PT0S").get("/admin/lras").then()
                .body("total", equalTo(3));
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        badParameter("status", "Bogus");
        badParameter("olderThan", "10m");
        badParameter("size", "0");
        badParameter("size", "501");
        badParameter("page", "x");
        badParameter("page", "-1");
        viewer().get("/admin/lras/zz").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        viewer().queryParam("status", "Active").get("/admin/history").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    private static void badParameter(String name, String value) {
        viewer().queryParam(name, value).get("/admin/lras").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("validation"))
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo(name));
    }

    @Test
    void detailShowsParticipantsByUidOrEncodedUrl() {
        String lra = start(clientId(), 600_000);
        String participant = join(lra, "ok");
        viewer().get("/admin/lras/" + uid(lra)).then().statusCode(200)
                .body("lra.uid", equalTo(uid(lra)))
                .body("lra.participants", equalTo(1))
                .body("participants", hasSize(1))
                .body("participants[0].compensate", endsWith(participant + "/compensate"))
                .body("participants[0].complete", endsWith(participant + "/complete"))
                .body("participants[0].status", endsWith(participant + "/status"))
                .body("participants[0].state", equalTo("Active"))
                .body("participants[0].recoveryUrl", notNullValue())
                .body("transitions[0].status", equalTo("Active"));
        String encoded = URLEncoder.encode(lra, StandardCharsets.UTF_8);
        viewer().urlEncodingEnabled(false).get("/admin/lras/" + encoded).then().statusCode(200)
                .body("lra.uid", equalTo(uid(lra)));
    }

    @Test
    void forcedCancelCompensatesAndIsRecordedInTheHistory() {
        String client = clientId();
        String lra = start(client, 600_000);
        String participant = join(lra, "ok");

        viewer().post("/admin/lras/" + uid(lra) + "/cancel").then().statusCode(403);
        operator().post("/admin/lras/" + uid(lra) + "/cancel").then().statusCode(200)
                .body("status", equalTo("Cancelled"));
        assertEquals(1, TestParticipant.state(participant).compensations.get());

        viewer().get("/admin/lras/" + uid(lra)).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("not-found"))
                .body("lraStatus", equalTo("Cancelled"));
        operator().post("/admin/lras/" + uid(lra) + "/close").then().statusCode(404);
        viewer().get("/admin/history/" + uid(lra)).then().statusCode(200)
                .body("status", equalTo("Cancelled"))
                .body("clientId", equalTo(client))
                .body("inferred", equalTo(false))
                .body("participants[0].state", equalTo("Compensated"))
                .body("participants[0].compensate", endsWith("/compensate"))
                .body("transitions.status", hasItem("Cancelled"))
                .body("endTime", notNullValue());
        viewer().queryParam("clientId", client).get("/admin/history").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].uid", equalTo(uid(lra)))
                .body("items[0].participants", equalTo(1));
    }

    @Test
    void aCloseThroughTheProtocolIsRecordedToo() {
        String client = clientId();
        String lra = start(client, 600_000);
        String participant = join(lra, "ok");
        given().put(lra + "/close").then().statusCode(200);
        assertEquals(1, TestParticipant.state(participant).completions.get());
        await().atMost(DEADLINE).untilAsserted(() -> viewer().get("/admin/history/" + uid(lra)).then()
                .statusCode(200)
                .body("status", equalTo("Closed"))
                .body("participants[0].state", equalTo("Completed")));
        viewer().queryParam("clientId", client).queryParam("status", "Cancelled").get("/admin/history").then()
                .body("total", equalTo(0));
    }

    @Test
    void aTimedOutLraIsRecordedCancelled() {
        String lra = start(clientId(), 300);
        await().atMost(DEADLINE).untilAsserted(() -> viewer().get("/admin/history/" + uid(lra)).then()
                .statusCode(200)
                .body("status", equalTo("Cancelled")));
    }

    @Test
    void retryFinishesACancellingLra() {
        String lra = start(clientId(), 600_000);
        String participant = join(lra, "unavailable");
        operator().post("/admin/lras/" + uid(lra) + "/cancel").then().statusCode(200)
                .body("status", equalTo("Cancelling"));
        viewer().queryParam("status", "Cancelling").get("/admin/lras").then()
                .body("items.uid", hasItem(uid(lra)));
        operator().delete("/admin/lras/" + uid(lra)).then().statusCode(409)
                .body("type", equalTo("lra-active"));

        operator().post("/admin/lras/" + uid(lra) + "/retry").then().statusCode(200)
                .body("status", equalTo("Cancelling"));
        double retriedBefore = metric("lra_callbacks_total{kind=\"compensate\",outcome=\"retried\"}");
        TestParticipant.state(participant).mode = "ok";
        operator().post("/admin/lras/" + uid(lra) + "/retry").then().statusCode(200)
                .body("status", equalTo("Cancelled"));
        await().atMost(DEADLINE).untilAsserted(() -> viewer().get("/admin/history/" + uid(lra)).then()
                .statusCode(200).body("status", equalTo("Cancelled")));
        await().atMost(DEADLINE).until(() -> metric("lra_callbacks_total{kind=\"compensate\",outcome=\"retried\"}")
                >= retriedBefore + 1);
    }

    /** A sample of /q/metrics by its full name with labels, 0 when absent. */
    private static double metric(String sample) {
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).strip());
            }
        }
        return 0;
    }

    @Test
    void aFailedLraIsKeptUntilForgotten() {
        String lra = start(clientId(), 600_000);
        join(lra, "fail");
        double failedBefore = metric("lra_callbacks_total{kind=\"compensate\",outcome=\"failed\"}");
        operator().post("/admin/lras/" + uid(lra) + "/cancel").then().statusCode(200)
                .body("status", equalTo("FailedToCancel"));
        await().atMost(DEADLINE).until(() -> metric("lra_callbacks_total{kind=\"compensate\",outcome=\"failed\"}")
                >= failedBefore + 1);
        await().atMost(DEADLINE).untilAsserted(() -> viewer().queryParam("status", "FailedToCancel")
                .get("/admin/lras").then().body("items.uid", hasItem(uid(lra))));
        viewer().get("/admin/lras/" + uid(lra)).then().statusCode(200)
                .body("lra.status", equalTo("FailedToCancel"))
                .body("participants[0].state", equalTo("FailedToCompensate"));
        // not repaired yet: the retry calls the participant again, which still fails
        operator().post("/admin/lras/" + uid(lra) + "/retry").then().statusCode(200)
                .body("status", equalTo("FailedToCancel"))
                .body("participants[0].httpStatus", equalTo(500))
                .body("participants[0].finished", equalTo(false));
        viewer().get("/admin/history/" + uid(lra)).then().statusCode(200)
                .body("status", equalTo("FailedToCancel"));

        viewer().delete("/admin/lras/" + uid(lra)).then().statusCode(403);
        operator().delete("/admin/lras/" + uid(lra)).then().statusCode(204);
        viewer().get("/admin/lras/" + uid(lra)).then().statusCode(404);
        operator().post("/admin/recovery").then().statusCode(200);
        viewer().get("/admin/lras/" + uid(lra)).then().statusCode(404);
        viewer().get("/admin/history/" + uid(lra)).then().statusCode(200)
                .body("status", equalTo("FailedToCancel"));
    }

    @Test
    void aFailedParticipantSaysWhyAndOneThatIsDownIsShownUnreachable() {
        String lra = start(clientId(), 600_000);
        String explains = joinWithStatus(lra, "fail", null);
        String down = joinWithStatus(lra, "fail", "http://127.0.0.1:" + FreePort.find() + "/status");
        operator().post("/admin/lras/" + uid(lra) + "/cancel").then().statusCode(200)
                .body("status", equalTo("FailedToCancel"));

        long started = System.nanoTime();
        viewer().get("/admin/lras/" + uid(lra)).then().statusCode(200)
                .body("participants.find { it.participant.contains('" + explains + "') }.state",
                        equalTo("FailedToCompensate"))
                .body("participants.find { it.participant.contains('" + explains + "') }.reason",
                        equalTo(TestParticipant.REASON))
                .body("participants.find { it.participant.contains('" + down + "') }.reason",
                        equalTo(FailureReason.UNREACHABLE));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0,
                "a participant that is down does not hold the answer");

        await().atMost(DEADLINE).untilAsserted(() -> viewer().queryParam("status", "FailedToCancel")
                .queryParam("size", 500).get("/admin/lras").then()
                .body("items.find { it.uid == '" + uid(lra) + "' }.failures.reason",
                        containsInAnyOrder(TestParticipant.REASON, FailureReason.UNREACHABLE)));
        // an unfiltered list does not call participants
        viewer().queryParam("size", 500).get("/admin/lras").then()
                .body("items.find { it.uid == '" + uid(lra) + "' }.failures", nullValue());
        // the retry answer carries the reason of a participant that still fails
        operator().post("/admin/lras/" + uid(lra) + "/retry").then().statusCode(200)
                .body("participants.find { it.participant.contains('" + explains + "') }.reason",
                        equalTo(TestParticipant.REASON));
        operator().delete("/admin/lras/" + uid(lra)).then().statusCode(204);
    }

    @Test
    void aRepairedFailedLraIsRetriedToCancelled() {
        String lra = start(clientId(), 600_000);
        String healthy = join(lra, "ok");
        String broken = join(lra, "fail");
        operator().post("/admin/lras/" + uid(lra) + "/cancel").then().statusCode(200)
                .body("status", equalTo("FailedToCancel"));
        viewer().post("/admin/lras/" + uid(lra) + "/retry").then().statusCode(403);

        TestParticipant.state(broken).mode = "ok"; // the operator repaired it
        operator().post("/admin/lras/" + uid(lra) + "/retry").then().statusCode(200)
                .body("status", equalTo("Cancelled"))
                .body("participants.size()", equalTo(1))
                .body("participants[0].participant", containsString(broken))
                .body("participants[0].finished", equalTo(true));
        assertEquals(1, TestParticipant.state(healthy).compensations.get(), "a finished participant is not called again");
        assertEquals(2, TestParticipant.state(broken).compensations.get());
        viewer().get("/admin/lras/" + uid(lra)).then().statusCode(404);
        viewer().get("/admin/history/" + uid(lra)).then().statusCode(200)
                .body("status", equalTo("Cancelled"));
        operator().post("/admin/recovery").then().statusCode(200);
        viewer().get("/admin/history/" + uid(lra)).then().statusCode(200)
                .body("status", equalTo("Cancelled"));
    }

    @Test
    void anActiveLraIsNeitherForgottenNorRetried() {
        String lra = start(clientId(), 600_000);
        operator().delete("/admin/lras/" + uid(lra)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("lra-active"))
                .body("lraStatus", equalTo("Active"));
        operator().post("/admin/lras/" + uid(lra) + "/retry").then().statusCode(409)
                .body("type", equalTo("lra-not-retryable"));
        operator().post("/admin/lras/0_ffff7f000001_1234_5678_9/close").then().statusCode(404)
                .body("type", equalTo("not-found"));
        operator().post("/admin/lras/" + uid(lra) + "/close").then().statusCode(200)
                .body("status", equalTo("Closed"));
        operator().post("/admin/lras/" + uid(lra) + "/close").then().statusCode(404);
    }

    @Test
    void metricsHealthAndOpenApi() {
        String lra = start(clientId(), 600_000);
        operator().post("/admin/lras/" + uid(lra) + "/cancel").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("lra_started_total"))
                .body(containsString("lra_cancelled_total"))
                .body(containsString("lra_closed_total"))
                .body(containsString("lra_active{status=\"Active\"}"))
                .body(containsString("lra_duration_seconds_count{status=\"Cancelled\"}"))
                .body(containsString("lra_recovery_passes_total{trigger=\"startup\"} 1.0"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("lra-store"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/admin/lras/{id}/close"))
                .body(containsString("/admin/history/{id}"));
    }
}
