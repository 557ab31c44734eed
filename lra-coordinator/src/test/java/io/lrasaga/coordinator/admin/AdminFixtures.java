package io.lrasaga.coordinator.admin;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The admin tests' users (the %test profile's) and LRAs started and joined through the protocol. */
final class AdminFixtures {

    private AdminFixtures() {
    }

    static RequestSpecification operator() {
        return given().auth().preemptive().basic("operator", "operator-secret");
    }

    static RequestSpecification viewer() {
        return given().auth().preemptive().basic("viewer", "viewer-secret");
    }

    static String clientId() {
        return "admin-test-" + UUID.randomUUID();
    }

    /** Starts an LRA through the coordinator's own API; returns its URL. */
    static String start(String clientId, long timeLimitMillis) {
        return given().queryParam("ClientID", clientId).queryParam("TimeLimit", timeLimitMillis)
                .post("/lra-coordinator/start")
                .then().statusCode(201)
                .extract().asString();
    }

    static String uid(String lraUrl) {
        return lraUrl.substring(lraUrl.lastIndexOf('/') + 1);
    }

    /** Joins a test participant (fresh name) to the LRA; returns its name. */
    static String join(String lraUrl, String mode) {
        String name = "p-" + UUID.randomUUID();
        TestParticipant.state(name).mode = mode;
        given().contentType("text/plain")
                .body("http://localhost:" + RestAssured.port + "/test-participant/" + name)
                .put(lraUrl)
                .then().statusCode(200);
        return name;
    }

    /**
     * Joins a test participant with its callbacks as Link values, the status URL given (a
     * participant that is down: a port nobody listens on); returns its name.
     */
    static String joinWithStatus(String lraUrl, String mode, String statusUrl) {
        String name = "p-" + UUID.randomUUID();
        TestParticipant.state(name).mode = mode;
        String base = "http://localhost:" + RestAssured.port + "/test-participant/" + name;
        given().contentType("text/plain")
                .body("<" + base + "/compensate>; rel=\"compensate\", <" + base + "/complete>; rel=\"complete\", <"
                        + (statusUrl != null ? statusUrl : base + "/status") + ">; rel=\"status\"")
                .put(lraUrl)
                .then().statusCode(200);
        return name;
    }
}
