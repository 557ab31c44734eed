package io.lrasaga.inventory;

import static io.lrasaga.testing.ParticipantEndpoints.participantStatus;
import static io.lrasaga.testing.ParticipantEndpoints.statusConfirmations;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lrasaga.signedcallbacks.StatusAttestation;
import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reservations driven through the real coordinator: reserve, then close or cancel the LRA. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class ReservationResourceTest {

    private static Coordinator coordinator() {
        return Coordinator.ofServiceUnderTest();
    }

    private String newProduct(int stock) {
        String sku = "sku-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"" + sku + "\",\"name\":\"Thing\",\"price\":2.50,\"stock\":" + stock + "}")
                .post("/products").then().statusCode(201);
        return sku;
    }

    private int stock(String sku) {
        return given().get("/products/" + sku).then().statusCode(200).extract().path("stock");
    }

    /** Quantities of the reservations the LRA holds. */
    private List<Integer> reservations(URI lra) {
        return QuarkusTransaction.requiringNew().call(() -> Reservation.<Reservation>list("lraId", lra.toASCIIString())
                .stream().map(r -> r.quantity).toList());
    }


    private void reserve(URI lra, String sku, int quantity, int expectedStatus) {
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}")
                .post("/reservations")
                .then().statusCode(expectedStatus);
    }

    @Test
    void closingTheLraKeepsTheStockTaken() {
        String sku = newProduct(10);
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(lra, sku, 3, 201);
        assertEquals(7, stock(sku));
        assertEquals(List.of(3), reservations(lra));
        assertEquals("Active", participantStatus(lra));

        coordinator().close(lra);

        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Completed"));
        assertEquals(7, stock(sku));
        assertEquals(List.of(3), reservations(lra));
    }

    @Test
    void theCoordinatorsSignatureConfirmsTheCallbackWithoutAskingItBack() {
        String sku = newProduct(10);
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(lra, sku, 2, 201);
        double signed = statusConfirmations("signature");
        double asked = statusConfirmations("coordinator");

        coordinator().close(lra);

        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Completed"));
        assertTrue(statusConfirmations("signature") >= signed + 1, "the complete was confirmed by its signature");
        assertEquals(asked, statusConfirmations("coordinator"), "nobody asked the coordinator");
        assertEquals(8, stock(sku));
    }

    @Test
    void cancellingTheLraGivesTheStockBack() {
        String sku = newProduct(10);
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(lra, sku, 4, 201);
        reserve(lra, sku, 1, 201);
        assertEquals(5, stock(sku));

        coordinator().cancel(lra);

        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Compensated"));
        assertEquals(10, stock(sku));
        assertTrue(reservations(lra).isEmpty(), "compensation deletes the reservations");
    }

    /**
     * Repeats answer the recorded outcome and change nothing, whether they come unsigned (the
     * ledger is read first) or signed by the coordinator (straight to the ledger's ending, which
     * must then answer the repeat itself): no stock given back twice, no reservation dropped,
     * and a late callback of the other kind answers the recorded outcome.
     */
    @ParameterizedTest(name = "signed: {0}")
    @ValueSource(booleans = { false, true })
    void repeatedCompleteAndCompensateChangeNothing(boolean signed) {
        String sku = newProduct(10);
        URI closed = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(closed, sku, 2, 201);
        coordinator().close(closed);
        URI cancelled = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(cancelled, sku, 3, 201);
        coordinator().cancel(cancelled);
        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(closed).equals("Completed")
                && participantStatus(cancelled).equals("Compensated"));
        assertEquals(8, stock(sku));
        double bySignature = statusConfirmations("signature");

        for (int i = 0; i < 2; i++) {
            callback(closed, "Closed", "complete", signed).then().statusCode(200).body(equalTo("Completed"));
            callback(cancelled, "Cancelled", "compensate", signed).then().statusCode(200).body(equalTo("Compensated"));
            callback(closed, "Closed", "compensate", signed).then().statusCode(200).body(equalTo("Completed"));
        }

        if (signed) {
            assertTrue(statusConfirmations("signature") >= bySignature + 4, "the repeats were confirmed by signature");
        }
        assertEquals(8, stock(sku));
        assertEquals(List.of(2), reservations(closed));
        assertTrue(reservations(cancelled).isEmpty());
        assertEquals("Completed", participantStatus(closed));
        assertEquals("Compensated", participantStatus(cancelled));
    }

    /** A participant callback, with the coordinator's signed statement that the LRA is {@code status} if {@code signed}. */
    private static io.restassured.response.Response callback(URI lra, String status, String kind, boolean signed) {
        RequestSpecification request = given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString());
        if (signed) {
            request.header(StatusAttestation.HEADER, StatusAttestation.of(Coordinator.TEST_SIGNED_CALLBACKS_KEY,
                    Duration.ofMinutes(1), Clock.systemUTC()).sign(lra.toASCIIString(), status).orElseThrow());
        }
        return request.put("/lra-saga/participant/" + kind);
    }

    /** A refused reservation answers 4xx and takes nothing; the initiator decides to cancel. */
    @Test
    void insufficientStockIsAConflictAndTakesNothing() {
        String sku = newProduct(2);
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"sku\":\"" + sku + "\",\"quantity\":3}")
                .post("/reservations")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("insufficient-stock"));
        assertEquals(2, stock(sku));
        assertTrue(reservations(lra).isEmpty());
        coordinator().cancel(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Compensated"));
        assertEquals(2, stock(sku));
    }

    @Test
    void badReservationsAreRefusedNamingTheField() {
        String sku = newProduct(5);
        badReservation("{\"sku\":\"no-such-sku\",\"quantity\":1}", 422, "unknown-reference", "sku");
        badReservation("{\"sku\":\"" + sku + "\",\"quantity\":0}", 400, "validation", "quantity");
        badReservation("{\"sku\":\"" + sku + "\",\"quantity\":-2}", 400, "validation", "quantity");
        badReservation("{\"sku\":\"" + sku + "\"}", 400, "validation", "quantity");
        badReservation("{\"quantity\":1}", 400, "validation", "sku");
        badReservation("{\"sku\":\"" + sku + "\",\"quantity\":1.5}", 400, "malformed-request", "quantity");
        badReservation("{\"sku\":\"" + sku + "\",\"quantity\":\"two\"}", 400, "malformed-request", "quantity");
        assertEquals(5, stock(sku));
    }

    private void badReservation(String body, int status, String type, String field) {
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body(body)
                .post("/reservations")
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(type), "errors.field", hasItem(field));
        assertTrue(reservations(lra).isEmpty());
    }

    @Test
    void concurrentSagasOnOneProductCompensateByDelta() {
        String sku = newProduct(20);
        URI kept = coordinator().start("inventory-test", Duration.ofMinutes(1));
        URI undone = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(kept, sku, 5, 201);
        reserve(undone, sku, 7, 201);
        reserve(kept, sku, 1, 201);
        assertEquals(7, stock(sku));

        coordinator().cancel(undone);
        coordinator().close(kept);

        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(kept).equals("Completed")
                && participantStatus(undone).equals("Compensated"));
        assertEquals(14, stock(sku), "only the cancelled saga's 7 come back, the kept 6 stay taken");
    }

    @Test
    void theCommittedViewLeavesOutTheStockOfSagasInFlight() {
        String sku = newProduct(10);
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(lra, sku, 3, 201);

        given().queryParam("view", "committed").get("/products/" + sku).then().statusCode(200).body("stock", equalTo(10));
        given().get("/products/" + sku).then().body("stock", equalTo(7));
        given().queryParam("view", "everything").get("/products/" + sku).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("view"));

        coordinator().close(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Completed"));
        given().queryParam("view", "committed").get("/products/" + sku).then().body("stock", equalTo(7));
    }

    @Test
    void aForgedCompensateForARunningSagaChangesNothing() {
        String sku = newProduct(10);
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(lra, sku, 4, 201);

        given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).put("/lra-saga/participant/compensate")
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("callback-not-confirmed"));

        assertEquals(6, stock(sku));
        assertEquals(List.of(4), reservations(lra));
        assertEquals("Active", participantStatus(lra));
        coordinator().cancel(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> stock(sku) == 10);
    }

    @Test
    void anLraOfAForeignCoordinatorIsRefusedBeforeAnyCall() {
        String sku = newProduct(10);
        given().contentType(ContentType.JSON)
                .header(LRA_HTTP_CONTEXT_HEADER, "http://169.254.169.254/lra-coordinator/0_ffff_1")
                .body("{\"sku\":\"" + sku + "\",\"quantity\":1}")
                .post("/reservations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("untrusted-coordinator"), "errors.field", hasItem(LRA_HTTP_CONTEXT_HEADER));
        given().header(LRA_HTTP_CONTEXT_HEADER, "http://evil.example/lra-coordinator/x")
                .put("/lra-saga/participant/compensate")
                .then().statusCode(400).body("type", equalTo("untrusted-coordinator"));
        assertEquals(10, stock(sku));
    }

    @Test
    void aStepArrivingAfterCompensationLeavesNoEffect() {
        String sku = newProduct(10);
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(lra, sku, 2, 201);
        coordinator().cancel(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Compensated"));

        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"sku\":\"" + sku + "\",\"quantity\":3}")
                .post("/reservations")
                .then().statusCode(412).contentType("application/problem+json");

        assertEquals(10, stock(sku));
        assertTrue(reservations(lra).isEmpty());
    }

    @Test
    void aReservationOutsideAnLraIsRefused() {
        String sku = newProduct(5);
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"" + sku + "\",\"quantity\":1}")
                .post("/reservations")
                .then().statusCode(412).contentType("application/problem+json");
        assertEquals(5, stock(sku));
    }
}
