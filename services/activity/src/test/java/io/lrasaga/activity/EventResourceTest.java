package io.lrasaga.activity;

import static io.lrasaga.testing.ParticipantEndpoints.participantStatus;
import static io.lrasaga.testing.ParticipantEndpoints.statusConfirmations;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.MongoResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Events recorded inside LRAs driven through the real coordinator, then closed or cancelled. */
@QuarkusTest
@WithTestResource(MongoResource.class)
// The coordinator has no signed-callbacks key here (the other services' tests have one):
// activity's callbacks are confirmed by asking the coordinator, the path without signing.
@WithTestResource(value = CoordinatorResource.class, initArgs = @ResourceArg(name = CoordinatorResource.COORDINATOR_SIGNS,
        value = "false"))
class EventResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.lra.coordinator-url")
    String coordinatorUrl;

    private static Coordinator coordinator() {
        return Coordinator.ofServiceUnderTest();
    }

    private URI newLra() {
        return coordinator().start("activity-test", Duration.ofMinutes(1));
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String record(URI lra, String body) {
        return given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body(body)
                .post("/events")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("id", not(emptyOrNullString()), "lraId", equalTo(lra.toASCIIString()), "$", not(hasKey("_saga")))
                .extract().path("id");
    }

    private static String event(String userId, String type) {
        return "{\"userId\":\"" + userId + "\",\"type\":\"" + type + "\",\"orderId\":\"o-1\"}";
    }

    private static List<String> idsOfUser(String userId) {
        return given().queryParam("userId", userId).get("/events")
                .then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }

    private static List<String> committedIdsOfUser(String userId) {
        return given().queryParam("userId", userId).queryParam("view", "committed").get("/events")
                .then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }

    private static List<ActivityEvent> storedOf(URI lra) {
        return ActivityEvent.list("lraId", lra.toASCIIString());
    }

    /** Stored documents of the LRA that still carry its saga marker. */
    private long markedOf(URI lra) {
        return mongo.getDatabase("activity").getCollection("activity_events")
                .countDocuments(Filters.eq("_saga.lra", lra.toASCIIString()));
    }


    private static void awaitStatus(URI lra, String status) {
        await().atMost(PATIENCE).until(() -> participantStatus(lra).equals(status));
    }

    @Test
    void closingTheLraKeepsItsEvents() {
        String user = newUser();
        URI lra = newLra();
        String first = record(lra, event(user, "order-placed"));
        String second = record(lra, event(user, "order-paid"));

        given().queryParam("userId", user).get("/events")
                .then().statusCode(200)
                .body("id", equalTo(List.of(first, second)), "type", equalTo(List.of("order-placed", "order-paid")),
                        "orderId", equalTo(List.of("o-1", "o-1")), "[0]", not(hasKey("_saga")));
        assertEquals(2, markedOf(lra));
        assertEquals("Active", participantStatus(lra));
        double asked = statusConfirmations("coordinator");

        coordinator().close(lra);

        awaitStatus(lra, "Completed");
        assertTrue(statusConfirmations("coordinator") >= asked + 1,
                "an unsigned complete (this coordinator has no key) is confirmed by asking the coordinator");
        assertEquals(0, statusConfirmations("signature"));
        assertEquals(List.of(first, second), idsOfUser(user));
        assertEquals(0, markedOf(lra));
        given().queryParam("userId", user).get("/events").then().body("lraId", hasItem(lra.toASCIIString()));
    }

    @Test
    void cancellingTheLraDeletesItsEventsAndKeepsOthers() {
        String user = newUser();
        URI kept = newLra();
        String keptId = record(kept, event(user, "signed-in"));
        coordinator().close(kept);
        URI cancelled = newLra();
        record(cancelled, event(user, "order-placed"));
        record(cancelled, event(user, "order-paid"));
        assertEquals(2, storedOf(cancelled).size());

        coordinator().cancel(cancelled);

        awaitStatus(cancelled, "Compensated");
        awaitStatus(kept, "Completed");
        assertEquals(List.of(keptId), idsOfUser(user));
        assertEquals(List.of(keptId), committedIdsOfUser(user));
        assertTrue(storedOf(cancelled).isEmpty());
        assertEquals(1, storedOf(kept).size());
    }

    @Test
    void theCommittedViewHidesARunningSagasEventUntilItCloses() {
        String user = newUser();
        URI settled = newLra();
        String settledId = record(settled, event(user, "signed-in"));
        coordinator().close(settled);
        awaitStatus(settled, "Completed");
        URI running = newLra();
        String runningId = record(running, event(user, "order-placed"));

        assertEquals(List.of(settledId, runningId), idsOfUser(user));
        assertEquals(List.of(settledId), committedIdsOfUser(user));

        coordinator().close(running);

        awaitStatus(running, "Completed");
        assertEquals(List.of(settledId, runningId), committedIdsOfUser(user));
    }

    @Test
    void repeatedCompleteAndCompensateChangeNothing() {
        String user = newUser();
        URI closed = newLra();
        String keptId = record(closed, event(user, "order-placed"));
        coordinator().close(closed);
        URI cancelled = newLra();
        record(cancelled, event(user, "order-paid"));
        coordinator().cancel(cancelled);
        awaitStatus(closed, "Completed");
        awaitStatus(cancelled, "Compensated");

        for (int i = 0; i < 2; i++) {
            given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).put("/lra-saga/participant/complete")
                    .then().statusCode(200).body(equalTo("Completed"));
            given().header(LRA_HTTP_CONTEXT_HEADER, cancelled.toASCIIString()).put("/lra-saga/participant/compensate")
                    .then().statusCode(200).body(equalTo("Compensated"));
            // Out of order: a late callback of the other kind answers the recorded outcome.
            given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).put("/lra-saga/participant/compensate")
                    .then().statusCode(200).body(equalTo("Completed"));
        }

        assertEquals(List.of(keptId), idsOfUser(user));
        assertEquals(1, storedOf(closed).size());
        assertTrue(storedOf(cancelled).isEmpty());
        assertEquals("Completed", participantStatus(closed));
        assertEquals("Compensated", participantStatus(cancelled));
    }

    @Test
    void statusIsActiveWhileTheLraRunsAndGoneForAnUnknownLra() {
        URI lra = newLra();
        record(lra, event(newUser(), "order-placed"));
        assertEquals("Active", participantStatus(lra));
        coordinator().close(lra);
        awaitStatus(lra, "Completed");

        given().header(LRA_HTTP_CONTEXT_HEADER, coordinatorUrl + "/unknown-" + UUID.randomUUID())
                .get("/lra-saga/participant/status")
                .then().statusCode(410);
    }

    @Test
    void aForgedCompensateForARunningSagaChangesNothing() {
        String user = newUser();
        URI lra = newLra();
        String id = record(lra, event(user, "order-placed"));

        given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).put("/lra-saga/participant/compensate")
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("callback-not-confirmed"));

        assertEquals(List.of(id), idsOfUser(user));
        assertEquals(1, markedOf(lra));
        assertEquals("Active", participantStatus(lra));
        coordinator().cancel(lra);
        awaitStatus(lra, "Compensated");
        assertEquals(List.of(), idsOfUser(user));
    }

    @Test
    void anLraOfAForeignCoordinatorIsRefusedBeforeAnyCall() {
        String user = newUser();
        given().contentType(ContentType.JSON)
                .header(LRA_HTTP_CONTEXT_HEADER, "http://169.254.169.254/lra-coordinator/0_ffff_1")
                .body(event(user, "signed-in"))
                .post("/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("untrusted-coordinator"), "errors.field", hasItem(LRA_HTTP_CONTEXT_HEADER));
        given().header(LRA_HTTP_CONTEXT_HEADER, "http://evil.example/lra-coordinator/x")
                .put("/lra-saga/participant/compensate")
                .then().statusCode(400).body("type", equalTo("untrusted-coordinator"));
        assertEquals(0, ActivityEvent.count("userId", user));
    }

    @Test
    void anEventArrivingAfterCompensationIsRefusedAndLeavesNothing() {
        String user = newUser();
        URI lra = newLra();
        record(lra, event(user, "order-placed"));
        coordinator().cancel(lra);
        awaitStatus(lra, "Compensated");

        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body(event(user, "order-paid"))
                .post("/events")
                .then().statusCode(412).contentType("application/problem+json");

        assertEquals(List.of(), idsOfUser(user));
        assertTrue(storedOf(lra).isEmpty());
    }

    @Test
    void extraFieldsAreKeptAsDetails() {
        String user = newUser();
        URI lra = newLra();
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"userId\":\"" + user + "\",\"type\":\"order-placed\",\"channel\":\"web\",\"amount\":12.5,"
                        + "\"items\":[{\"sku\":\"a\",\"quantity\":2}],\"gift\":true,\"note\":null,"
                        + "\"reference\":123456789012345678901234567890,\"details\":{\"coupon\":\"SPRING\"}}")
                .post("/events")
                .then().statusCode(201)
                .body("orderId", nullValue(), "details.channel", equalTo("web"), "details.coupon", equalTo("SPRING"));

        given().queryParam("userId", user).get("/events")
                .then().statusCode(200).body("", hasSize(1),
                        "[0].details.channel", equalTo("web"),
                        "[0].details.amount", equalTo(12.5f),
                        "[0].details.items[0].sku", equalTo("a"),
                        "[0].details.items[0].quantity", equalTo(2),
                        "[0].details.gift", equalTo(true),
                        "[0].details.note", nullValue(),
                        "[0].details.coupon", equalTo("SPRING"),
                        "[0].createdAt", not(emptyOrNullString()),
                        "[0].lraId", equalTo(lra.toASCIIString()))
                .body(containsString("\"reference\":123456789012345678901234567890"));
        coordinator().close(lra);
    }

    /** Jackson reads a number as text where text is expected; ids are opaque, so that is harmless. */
    @Test
    void aNumericUserIdIsReadAsText() {
        URI lra = newLra();
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"userId\":5,\"type\":\"signed-in\"}")
                .post("/events")
                .then().statusCode(201).body("userId", equalTo("5"));
        coordinator().close(lra);
    }

    @Test
    void invalidEventsAreRefusedNamingTheFieldAndNothingIsStored() {
        String user = newUser();
        String tooLong = "x".repeat(65);
        badEvent("{\"type\":\"signed-in\"}", "validation", "userId");
        badEvent("{\"userId\":\"" + user + "\"}", "validation", "type");
        badEvent("{\"userId\":\"  \",\"type\":\"signed-in\"}", "validation", "userId");
        badEvent("{\"userId\":\"" + user + "\",\"type\":\"\"}", "validation", "type");
        badEvent("{\"userId\":\"" + tooLong + "\",\"type\":\"signed-in\"}", "validation", "userId");
        badEvent("{\"userId\":\"" + user + "\",\"type\":\"" + tooLong + "\"}", "validation", "type");
        badEvent("{\"userId\":\"" + user + "\",\"type\":\"signed-in\",\"orderId\":\"" + tooLong + "\"}",
                "validation", "orderId");
        badEvent("{\"userId\":{\"id\":1},\"type\":\"signed-in\"}", "malformed-request", "userId");
        badEvent("{\"userId\":\"" + user + "\",\"type\":\"signed-in\",\"details\":\"text\"}", "malformed-request",
                "details");
        badEvent("{\"userId\":\"" + user + "\",\"type\":\"t\",\"big\":" + "1".repeat(40) + "}", "validation",
                "details.big");
        badEvent("{\"userId\":\"" + user + "\",\"type\":\"t\",\"details\":{\"ratio\":[0." + "3".repeat(40) + "]}}",
                "validation", "details.ratio[0]");
        badEvent("{\"userId\":\"" + user + "\",", "malformed-request", null);
        badEvent(null, null, null);
        given().queryParam("userId", user).get("/events").then().statusCode(200).body("", hasSize(0));
    }

    /** A refusal answers 4xx; the initiator (here the test) then cancels its LRA. */
    private void badEvent(String body, String type, String field) {
        URI lra = newLra();
        var request = given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString());
        if (body != null) {
            request.body(body);
        }
        var response = request.post("/events")
                .then().statusCode(400).contentType("application/problem+json");
        if (type != null) {
            response.body("type", equalTo(type));
        }
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
        assertTrue(storedOf(lra).isEmpty());
        coordinator().cancel(lra);
    }

    @Test
    void anEventOutsideAnLraIsRefused() {
        String user = newUser();
        given().contentType(ContentType.JSON)
                .body(event(user, "signed-in"))
                .post("/events")
                .then().statusCode(412).contentType("application/problem+json").body("type", equalTo("lra-required"));
        assertEquals(0, ActivityEvent.count("userId", user));
        for (String callback : List.of("complete", "compensate")) {
            given().put("/lra-saga/participant/" + callback)
                    .then().statusCode(412).contentType("application/problem+json").body("type", equalTo("lra-required"));
        }
    }

    @Test
    void listingNeedsAUserIdAndAKnownView() {
        given().get("/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("validation"), "errors.field", hasItem("userId"));
        given().queryParam("userId", " ").get("/events")
                .then().statusCode(400).body("errors.field", hasItem("userId"));
        given().queryParam("userId", newUser()).queryParam("view", "provisional").get("/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("validation"), "errors.field", hasItem("view"));
        given().queryParam("userId", newUser()).queryParam("view", "current").get("/events")
                .then().statusCode(200).body("", hasSize(0));
    }

    /** The old hand-written callbacks are gone: the runtime's endpoints answer for this service. */
    @Test
    void theHandWrittenCallbacksAreGone() {
        URI lra = newLra();
        for (String callback : List.of("complete", "compensate")) {
            given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).put("/events/" + callback)
                    .then().statusCode(404);
        }
        given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).get("/events/status").then().statusCode(404);
        coordinator().cancel(lra);
    }
}
