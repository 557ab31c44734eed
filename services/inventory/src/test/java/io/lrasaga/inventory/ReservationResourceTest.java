package io.lrasaga.inventory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lrasaga.participant.LocalStatus;
import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Reservations driven through the real coordinator: reserve, then close or cancel the LRA. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class ReservationResourceTest {

    @ConfigProperty(name = "quarkus.lra.coordinator-url")
    String coordinatorUrl;

    private Coordinator coordinator() {
        return new Coordinator(coordinatorUrl);
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

    private List<LocalStatus> reservations(URI lra) {
        return QuarkusTransaction.requiringNew().call(() -> Reservation.<Reservation>list("lraId", lra.toASCIIString())
                .stream().map(r -> r.status).toList());
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
        assertEquals(List.of(LocalStatus.ACTIVE), reservations(lra));

        coordinator().close(lra);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> reservations(lra).equals(List.of(LocalStatus.COMPLETED)));
        assertEquals(7, stock(sku));
    }

    @Test
    void cancellingTheLraGivesTheStockBack() {
        String sku = newProduct(10);
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(lra, sku, 4, 201);
        reserve(lra, sku, 1, 201);
        assertEquals(5, stock(sku));

        coordinator().cancel(lra);

        await().atMost(Duration.ofSeconds(10)).until(() -> reservations(lra).stream()
                .allMatch(status -> status == LocalStatus.COMPENSATED));
        assertEquals(10, stock(sku));
    }

    @Test
    void repeatedCompleteAndCompensateChangeNothing() {
        String sku = newProduct(10);
        URI closed = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(closed, sku, 2, 201);
        coordinator().close(closed);
        URI cancelled = coordinator().start("inventory-test", Duration.ofMinutes(1));
        reserve(cancelled, sku, 3, 201);
        coordinator().cancel(cancelled);
        await().atMost(Duration.ofSeconds(10)).until(() -> stock(sku) == 8);

        for (int i = 0; i < 2; i++) {
            given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).put("/reservations/complete")
                    .then().statusCode(200).body(equalTo("Completed"));
            given().header(LRA_HTTP_CONTEXT_HEADER, cancelled.toASCIIString()).put("/reservations/compensate")
                    .then().statusCode(200).body(equalTo("Compensated"));
        }

        assertEquals(8, stock(sku));
        assertEquals(List.of(LocalStatus.COMPLETED), reservations(closed));
        assertEquals(List.of(LocalStatus.COMPENSATED), reservations(cancelled));
        given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).get("/reservations/status")
                .then().statusCode(200).body(equalTo("Completed"));
    }

    /** A refused reservation answers 4xx, which by the LRA default (cancelOnFamily) cancels the saga. */
    @Test
    void insufficientStockIsAConflictTakesNothingAndCancelsTheSaga() {
        String sku = newProduct(2);
        URI lra = coordinator().start("inventory-test", Duration.ofMinutes(1));
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"sku\":\"" + sku + "\",\"quantity\":3}")
                .post("/reservations")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("insufficient-stock"));
        assertEquals(2, stock(sku));
        assertTrue(reservations(lra).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of("gone", "Cancelled")
                .contains(coordinator().status(lra)));
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
    void aReservationOutsideAnLraIsRefused() {
        String sku = newProduct(5);
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"" + sku + "\",\"quantity\":1}")
                .post("/reservations")
                .then().statusCode(412).contentType("application/problem+json");
        assertEquals(5, stock(sku));
    }
}
