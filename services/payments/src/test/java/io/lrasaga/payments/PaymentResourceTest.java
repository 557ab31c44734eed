package io.lrasaga.payments;

import static io.lrasaga.testing.ParticipantEndpoints.participantStatus;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Payments driven through the real coordinator: pay, then close or cancel the LRA. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class PaymentResourceTest {

    private static Coordinator coordinator() {
        return Coordinator.ofServiceUnderTest();
    }

    private String newAccount(String balance) {
        String customerId = "cust-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customerId + "\",\"balance\":" + balance + "}")
                .post("/accounts").then().statusCode(201);
        return customerId;
    }

    private BigDecimal balance(String customerId) {
        return new BigDecimal(given().get("/accounts/" + customerId).then().statusCode(200)
                .extract().jsonPath().getString("balance"));
    }

    private boolean balanceIs(String customerId, String expected) {
        return balance(customerId).compareTo(new BigDecimal(expected)) == 0;
    }

    private void assertBalance(String expected, String customerId) {
        BigDecimal actual = balance(customerId);
        assertEquals(0, actual.compareTo(new BigDecimal(expected)), "balance " + actual + ", expected " + expected);
    }

    /** Amounts of the payments the LRA holds, in the order they were made. */
    private List<BigDecimal> payments(URI lra) {
        return QuarkusTransaction.requiringNew().call(() -> Payment.<Payment>list("lraId = ?1 order by id", lra.toASCIIString())
                .stream().map(p -> p.amount).toList());
    }

    private static void assertAmounts(List<String> expected, List<BigDecimal> actual) {
        assertEquals(expected.size(), actual.size(), "payments " + actual + ", expected " + expected);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(0, actual.get(i).compareTo(new BigDecimal(expected.get(i))),
                    "payments " + actual + ", expected " + expected);
        }
    }


    private long paymentsOf(String customerId) {
        return QuarkusTransaction.requiringNew().call(() -> Payment.count("customerId", customerId));
    }

    private int pay(URI lra, String customerId, String amount) {
        return given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"customerId\":\"" + customerId + "\",\"amount\":" + amount + "}")
                .post("/payments")
                .then().extract().statusCode();
    }

    @Test
    void closingTheLraKeepsTheMoneyTaken() {
        String customerId = newAccount("100.00");
        URI lra = coordinator().start("payments-test", Duration.ofMinutes(1));
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"customerId\":\"" + customerId + "\",\"amount\":30.25}")
                .post("/payments")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("customerId", equalTo(customerId), "lraId", equalTo(lra.toASCIIString()));
        assertBalance("69.75", customerId);
        assertAmounts(List.of("30.25"), payments(lra));
        assertEquals("Active", participantStatus(lra));

        coordinator().close(lra);

        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Completed"));
        assertBalance("69.75", customerId);
        assertAmounts(List.of("30.25"), payments(lra));
    }

    @Test
    void cancellingTheLraCreditsTheMoneyBack() {
        String customerId = newAccount("100.00");
        URI lra = coordinator().start("payments-test", Duration.ofMinutes(1));
        assertEquals(201, pay(lra, customerId, "40"));
        assertEquals(201, pay(lra, customerId, "10.50"));
        assertBalance("49.50", customerId);

        coordinator().cancel(lra);

        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Compensated"));
        assertBalance("100.00", customerId);
        assertTrue(payments(lra).isEmpty(), "compensation deletes the payments");
    }

    @Test
    void repeatedCompleteAndCompensateChangeNothing() {
        String customerId = newAccount("100.00");
        URI closed = coordinator().start("payments-test", Duration.ofMinutes(1));
        assertEquals(201, pay(closed, customerId, "20"));
        coordinator().close(closed);
        URI cancelled = coordinator().start("payments-test", Duration.ofMinutes(1));
        assertEquals(201, pay(cancelled, customerId, "30"));
        coordinator().cancel(cancelled);
        await().atMost(Duration.ofSeconds(10)).until(() -> balanceIs(customerId, "80")
                && participantStatus(closed).equals("Completed") && participantStatus(cancelled).equals("Compensated"));

        for (int i = 0; i < 2; i++) {
            given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).put("/lra-saga/participant/complete")
                    .then().statusCode(200).body(equalTo("Completed"));
            given().header(LRA_HTTP_CONTEXT_HEADER, cancelled.toASCIIString()).put("/lra-saga/participant/compensate")
                    .then().statusCode(200).body(equalTo("Compensated"));
            // Out of order: a late callback of the other kind answers the recorded outcome.
            given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).put("/lra-saga/participant/compensate")
                    .then().statusCode(200).body(equalTo("Completed"));
            given().header(LRA_HTTP_CONTEXT_HEADER, cancelled.toASCIIString()).put("/lra-saga/participant/complete")
                    .then().statusCode(200).body(equalTo("Compensated"));
        }

        assertBalance("80", customerId);
        assertAmounts(List.of("20"), payments(closed));
        assertTrue(payments(cancelled).isEmpty());
        assertEquals("Completed", participantStatus(closed));
        assertEquals("Compensated", participantStatus(cancelled));
    }

    /** A refused payment answers 4xx and takes nothing; the initiator decides to cancel. */
    @Test
    void insufficientFundsTakeNothing() {
        String customerId = newAccount("20.00");
        URI lra = coordinator().start("payments-test", Duration.ofMinutes(1));
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"customerId\":\"" + customerId + "\",\"amount\":20.01}")
                .post("/payments")
                .then().statusCode(402).contentType("application/problem+json")
                .body("type", equalTo("insufficient-funds"));
        assertBalance("20.00", customerId);
        assertTrue(payments(lra).isEmpty());
        coordinator().cancel(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Compensated"));
        assertBalance("20.00", customerId);
    }

    @Test
    void concurrentPaymentsNeverOverdraw() throws Exception {
        String customerId = newAccount("50.00");
        List<URI> lras = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lras.add(coordinator().start("payments-test", Duration.ofMinutes(1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(lras.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (URI lra : lras) {
                answers.add(pool.submit(() -> pay(lra, customerId, "10")));
            }
            int paid = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 201 || status == 402, "answered " + status);
                paid += status == 201 ? 1 : 0;
            }
            assertEquals(5, paid);
        } finally {
            pool.shutdown();
        }
        assertBalance("0", customerId);
        assertEquals(5, paymentsOf(customerId));

        for (URI lra : lras) {
            coordinator().cancel(lra);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lras.stream()
                .allMatch(lra -> participantStatus(lra).equals("Compensated")));
        assertBalance("50.00", customerId);
        assertEquals(0, paymentsOf(customerId));
    }

    @Test
    void concurrentSagasOnOneAccountCompensateByDelta() {
        String customerId = newAccount("100.00");
        URI kept = coordinator().start("payments-test", Duration.ofMinutes(1));
        URI undone = coordinator().start("payments-test", Duration.ofMinutes(1));
        assertEquals(201, pay(kept, customerId, "25.50"));
        assertEquals(201, pay(undone, customerId, "30.25"));
        assertEquals(201, pay(kept, customerId, "4.50"));
        assertBalance("39.75", customerId);

        coordinator().cancel(undone);
        coordinator().close(kept);

        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(kept).equals("Completed")
                && participantStatus(undone).equals("Compensated"));
        // Only the cancelled saga's 30.25 comes back; the kept 30.00 stay taken.
        assertBalance("70.00", customerId);
        assertAmounts(List.of("25.50", "4.50"), payments(kept));
        assertTrue(payments(undone).isEmpty());
    }

    @Test
    void aForgedCompensateForARunningSagaChangesNothing() {
        String customerId = newAccount("100.00");
        URI lra = coordinator().start("payments-test", Duration.ofMinutes(1));
        assertEquals(201, pay(lra, customerId, "40"));

        given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).put("/lra-saga/participant/compensate")
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("callback-not-confirmed"));

        assertBalance("60.00", customerId);
        assertAmounts(List.of("40"), payments(lra));
        assertEquals("Active", participantStatus(lra));
        coordinator().cancel(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> balanceIs(customerId, "100.00"));
    }

    @Test
    void anLraOfAForeignCoordinatorIsRefusedBeforeAnyCall() {
        String customerId = newAccount("50.00");
        given().contentType(ContentType.JSON)
                .header(LRA_HTTP_CONTEXT_HEADER, "http://169.254.169.254/lra-coordinator/0_ffff_1")
                .body("{\"customerId\":\"" + customerId + "\",\"amount\":1}")
                .post("/payments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("untrusted-coordinator"), "errors.field", hasItem(LRA_HTTP_CONTEXT_HEADER));
        given().header(LRA_HTTP_CONTEXT_HEADER, "http://evil.example/lra-coordinator/x")
                .put("/lra-saga/participant/compensate")
                .then().statusCode(400).body("type", equalTo("untrusted-coordinator"));
        assertBalance("50.00", customerId);
        assertEquals(0, paymentsOf(customerId));
    }

    @Test
    void aPaymentArrivingAfterCompensationLeavesNoEffect() {
        String customerId = newAccount("50.00");
        URI lra = coordinator().start("payments-test", Duration.ofMinutes(1));
        assertEquals(201, pay(lra, customerId, "5"));
        coordinator().cancel(lra);
        await().atMost(Duration.ofSeconds(10)).until(() -> participantStatus(lra).equals("Compensated"));

        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"customerId\":\"" + customerId + "\",\"amount\":7}")
                .post("/payments")
                .then().statusCode(412).contentType("application/problem+json");

        assertBalance("50.00", customerId);
        assertTrue(payments(lra).isEmpty());
        assertEquals(0, paymentsOf(customerId));
    }

    @Test
    void badPaymentsAreRefusedNamingTheField() {
        String customerId = newAccount("50.00");
        badPayment("{\"customerId\":\"no-such-customer\",\"amount\":1}", 422, "unknown-reference", "customerId");
        badPayment("{\"customerId\":\"" + customerId + "\",\"amount\":0}", 400, "validation", "amount");
        badPayment("{\"customerId\":\"" + customerId + "\",\"amount\":-5}", 400, "validation", "amount");
        badPayment("{\"customerId\":\"" + customerId + "\",\"amount\":1.001}", 400, "validation", "amount");
        badPayment("{\"customerId\":\"" + customerId + "\"}", 400, "validation", "amount");
        badPayment("{\"amount\":1}", 400, "validation", "customerId");
        badPayment("{\"customerId\":\"" + customerId + "\",\"amount\":\"ten\"}", 400, "malformed-request", "amount");
        assertBalance("50.00", customerId);
        assertEquals(0, paymentsOf(customerId));
    }

    private void badPayment(String body, int status, String type, String field) {
        URI lra = coordinator().start("payments-test", Duration.ofMinutes(1));
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body(body)
                .post("/payments")
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(type), "errors.field", hasItem(field));
        assertTrue(payments(lra).isEmpty());
    }

    @Test
    void aPaymentOutsideAnLraIsRefused() {
        String customerId = newAccount("50.00");
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customerId + "\",\"amount\":1}")
                .post("/payments")
                .then().statusCode(412).contentType("application/problem+json");
        assertBalance("50.00", customerId);
        assertEquals(0, paymentsOf(customerId));
    }
}
