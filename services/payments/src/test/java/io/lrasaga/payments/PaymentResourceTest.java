package io.lrasaga.payments;

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

/** Payments driven through the real coordinator: pay, then close or cancel the LRA. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class PaymentResourceTest {

    @ConfigProperty(name = "quarkus.lra.coordinator-url")
    String coordinatorUrl;

    private Coordinator coordinator() {
        return new Coordinator(coordinatorUrl);
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

    private List<LocalStatus> payments(URI lra) {
        return QuarkusTransaction.requiringNew().call(() -> Payment.<Payment>list("lraId", lra.toASCIIString())
                .stream().map(p -> p.status).toList());
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
                .body("customerId", equalTo(customerId), "status", equalTo("ACTIVE"), "lraId", equalTo(lra.toASCIIString()));
        assertBalance("69.75", customerId);
        assertEquals(List.of(LocalStatus.ACTIVE), payments(lra));

        coordinator().close(lra);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> payments(lra).equals(List.of(LocalStatus.COMPLETED)));
        assertBalance("69.75", customerId);
    }

    @Test
    void cancellingTheLraCreditsTheMoneyBack() {
        String customerId = newAccount("100.00");
        URI lra = coordinator().start("payments-test", Duration.ofMinutes(1));
        assertEquals(201, pay(lra, customerId, "40"));
        assertEquals(201, pay(lra, customerId, "10.50"));
        assertBalance("49.50", customerId);

        coordinator().cancel(lra);

        await().atMost(Duration.ofSeconds(10)).until(() -> payments(lra)
                .equals(List.of(LocalStatus.COMPENSATED, LocalStatus.COMPENSATED)));
        assertBalance("100.00", customerId);
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
                && payments(closed).equals(List.of(LocalStatus.COMPLETED)));

        for (int i = 0; i < 2; i++) {
            given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).put("/payments/complete")
                    .then().statusCode(200).body(equalTo("Completed"));
            given().header(LRA_HTTP_CONTEXT_HEADER, cancelled.toASCIIString()).put("/payments/compensate")
                    .then().statusCode(200).body(equalTo("Compensated"));
        }

        assertBalance("80", customerId);
        assertEquals(List.of(LocalStatus.COMPLETED), payments(closed));
        assertEquals(List.of(LocalStatus.COMPENSATED), payments(cancelled));
        given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).get("/payments/status")
                .then().statusCode(200).body(equalTo("Completed"));
        given().header(LRA_HTTP_CONTEXT_HEADER, cancelled.toASCIIString()).get("/payments/status")
                .then().statusCode(200).body(equalTo("Compensated"));
    }

    /** A refused payment answers 4xx, which by the LRA default (cancelOnFamily) cancels the saga. */
    @Test
    void insufficientFundsTakeNothingAndCancelTheSaga() {
        String customerId = newAccount("20.00");
        URI lra = coordinator().start("payments-test", Duration.ofMinutes(1));
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"customerId\":\"" + customerId + "\",\"amount\":20.01}")
                .post("/payments")
                .then().statusCode(402).contentType("application/problem+json")
                .body("type", equalTo("insufficient-funds"));
        assertBalance("20.00", customerId);
        assertTrue(payments(lra).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of("gone", "Cancelled")
                .contains(coordinator().status(lra)));
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
            if (!payments(lra).isEmpty()) {
                coordinator().close(lra);
            }
        }
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
