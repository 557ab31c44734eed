package io.lrasaga.coordinator.admin;

import static io.lrasaga.coordinator.admin.AdminFixtures.clientId;
import static io.lrasaga.coordinator.admin.AdminFixtures.join;
import static io.lrasaga.coordinator.admin.AdminFixtures.operator;
import static io.lrasaga.coordinator.admin.AdminFixtures.start;
import static io.lrasaga.coordinator.admin.AdminFixtures.uid;
import static io.lrasaga.coordinator.admin.AdminFixtures.viewer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GET /admin/summary, the cross-site guard on admin actions, and how /dashboard is served. */
@QuarkusTest
class SummaryAndDashboardTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static JsonPath summary() {
        return viewer().get("/admin/summary").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void countsFollowWhatHappensToAnLra() {
        JsonPath before = summary();
        String lra = start(clientId(), 600_000);
        JsonPath started = summary();
        assertEquals(before.getInt("running.Active") + 1, started.getInt("running.Active"));

        given().put(lra + "/close").then().statusCode(200);
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonPath closed = summary();
            assertEquals(before.getInt("running.Active"), closed.getInt("running.Active"));
            assertEquals(before.getInt("recent.Closed") + 1, closed.getInt("recent.Closed"));
        });
    }

    @Test
    void describesItselfAndWhoAsks() {
        given().get("/admin/summary").then().statusCode(401);
        viewer().get("/admin/summary").then().statusCode(200)
                .body("user", equalTo("viewer"))
                .body("operator", equalTo(false))
                .body("running.keySet()", equalTo(java.util.Set.of("Active", "Closing", "Cancelling", "FailedToClose",
                        "FailedToCancel")))
                .body("recent.keySet()", equalTo(java.util.Set.of("Closed", "Cancelled", "FailedToClose",
                        "FailedToCancel", "Unknown")))
                .body("recentWindowSeconds", equalTo(3600))
                .body("stuckAfterSeconds", equalTo(1))
                .body("refreshSeconds", equalTo(5));
        operator().get("/admin/summary").then().statusCode(200)
                .body("user", equalTo("operator"))
                .body("operator", equalTo(true));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/admin/summary"));
    }

    @Test
    void aCancellingLraBecomesStuckUntilRetriedAndAFailedOneUntilForgotten() {
        String waiting = start(clientId(), 600_000);
        String participant = join(waiting, "unavailable");
        operator().post("/admin/lras/" + uid(waiting) + "/cancel").then().statusCode(200)
                .body("status", equalTo("Cancelling"));
        // stuck-after is 1 s in the test profile
        await().atMost(DEADLINE).untilAsserted(() -> viewer().get("/admin/summary").then()
                .body("stuck.find { it.uid == '" + uid(waiting) + "' }.status", equalTo("Cancelling"))
                .body("stuck.find { it.uid == '" + uid(waiting) + "' }.reason", containsString("Cancelling for")));
        TestParticipant.state(participant).mode = "ok";
        operator().post("/admin/lras/" + uid(waiting) + "/retry").then().statusCode(200)
                .body("status", equalTo("Cancelled"));
        viewer().get("/admin/summary").then().body("stuck.uid", not(hasItem(uid(waiting))));

        String failed = start(clientId(), 600_000);
        join(failed, "fail");
        operator().post("/admin/lras/" + uid(failed) + "/cancel").then().statusCode(200)
                .body("status", equalTo("FailedToCancel"));
        viewer().get("/admin/summary").then()
                .body("stuck.find { it.uid == '" + uid(failed) + "' }.status", equalTo("FailedToCancel"))
                .body("stuck.find { it.uid == '" + uid(failed) + "' }.reason", containsString("forget"));
        operator().delete("/admin/lras/" + uid(failed)).then().statusCode(204);
        viewer().get("/admin/summary").then().body("stuck.uid", not(hasItem(uid(failed))));
    }

    @Test
    void aBrowserActionSentFromAnotherSiteIsRefused() {
        String lra = start(clientId(), 600_000);
        operator().header("Sec-Fetch-Site", "cross-site").post("/admin/lras/" + uid(lra) + "/cancel").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("cross-site"));
        operator().header("Origin", "http://evil.example").post("/admin/lras/" + uid(lra) + "/cancel").then()
                .statusCode(403)
                .body("type", equalTo("cross-site"));
        viewer().get("/admin/lras/" + uid(lra)).then().body("lra.status", equalTo("Active"));

        // the dashboard's own requests, and clients that are not browsers, go through
        operator().header("Sec-Fetch-Site", "same-origin").header("Origin", "http://evil.example")
                .post("/admin/recovery").then().statusCode(200);
        String host = "localhost:" + io.restassured.RestAssured.port;
        operator().header("Origin", "http://" + host).post("/admin/recovery").then().statusCode(200);
        operator().post("/admin/lras/" + uid(lra) + "/cancel").then().statusCode(200)
                .body("status", equalTo("Cancelled"));
    }

    @Test
    void theDashboardNeedsCredentials() {
        given().redirects().follow(false).get("/dashboard").then().statusCode(401);
        given().get("/dashboard/").then().statusCode(401);
        given().get("/dashboard/dashboard.js").then().statusCode(401);
        viewer().redirects().follow(false).get("/dashboard").then().statusCode(303)
                .header("Location", endsWith("/dashboard/"));
        viewer().get("/dashboard/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("LRA coordinator"));
        viewer().get("/dashboard/dashboard.js").then().statusCode(200).body(containsString("admin/summary"));
    }
}
