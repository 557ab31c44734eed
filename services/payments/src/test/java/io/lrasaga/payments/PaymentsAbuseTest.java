package io.lrasaga.payments;

import static io.lrasaga.testing.BadRequest.call;
import static io.lrasaga.testing.BadRequest.post;
import static io.restassured.RestAssured.given;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.lrasaga.testing.BadRequest;
import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.ParticipantAbuse;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public endpoint of payments with bad input and forged protocol calls: each gets a 4xx
 * problem, balances and payments stay as they were, and the service keeps serving.
 * docs/reliability.md ("Bad input and abuse") counts these cases.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class PaymentsAbuseTest {

    private static final String CUSTOMER = "abuse-customer";
    private static final String VALID_ACCOUNT = "{\"customerId\":\"abuse-new\",\"balance\":10.00}";
    private static final String VALID_PAYMENT = "{\"customerId\":\"" + CUSTOMER + "\",\"amount\":1.00}";

    @BeforeEach
    void anAccountToCharge() {
        if (given().get("/accounts/" + CUSTOMER).statusCode() == 404) {
            given().contentType(ContentType.JSON).body("{\"customerId\":\"" + CUSTOMER + "\",\"balance\":100.00}")
                    .post("/accounts").then().statusCode(201);
        }
    }

    /** Accounts with their balances and the payments: what no bad request may change. */
    private static String state() {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account>listAll().stream()
                .map(a -> a.customerId + "=" + a.balance.toPlainString())
                .sorted().toList() + " payments=" + Payment.count());
    }

    private static void serving() {
        given().get("/accounts/" + CUSTOMER).then().statusCode(200).body("customerId", equalTo(CUSTOMER));
    }

    static Stream<BadRequest> accounts() {
        List<BadRequest> cases = new ArrayList<>(BadRequest.malformedJson("/accounts", VALID_ACCOUNT, "customerId"));
        cases.addAll(List.of(
                account("missing customerId", "{\"balance\":1}", "validation", "customerId"),
                account("missing balance", "{\"customerId\":\"abuse-x\"}", "validation", "balance"),
                account("an empty object", "{}", "validation", "customerId"),
                account("customerId an array", "{\"customerId\":[\"a\"],\"balance\":1}", "malformed-request", "customerId"),
                account("balance a string", "{\"customerId\":\"abuse-x\",\"balance\":\"lots\"}", "malformed-request",
                        "balance"),
                account("balance a boolean", "{\"customerId\":\"abuse-x\",\"balance\":true}", "malformed-request",
                        "balance"),
                account("balance negative", "{\"customerId\":\"abuse-x\",\"balance\":-1}", "validation", "balance"),
                account("balance 10^30", "{\"customerId\":\"abuse-x\",\"balance\":1000000000000000000000000000000}",
                        "validation", "balance"),
                account("balance 1e400", "{\"customerId\":\"abuse-x\",\"balance\":1e400}", "validation", "balance"),
                account("balance -1e400", "{\"customerId\":\"abuse-x\",\"balance\":-1e400}", "validation", "balance"),
                account("balance with 3 decimals", "{\"customerId\":\"abuse-x\",\"balance\":0.001}", "validation",
                        "balance"),
                account("balance NaN", "{\"customerId\":\"abuse-x\",\"balance\":NaN}", "malformed-request", null),
                account("customerId blank", "{\"customerId\":\" \",\"balance\":1}", "validation", "customerId"),
                account("customerId 65 characters", "{\"customerId\":\"" + "c".repeat(65) + "\",\"balance\":1}",
                        "validation", "customerId"),
                account("customerId ..", "{\"customerId\":\"..\",\"balance\":1}", "validation", "customerId"),
                account("customerId with a slash", "{\"customerId\":\"a/../b\",\"balance\":1}", "validation",
                        "customerId"),
                new BadRequest("an existing customer", "POST", "/accounts", BadRequest.JSON, BadRequest.JSON,
                        java.util.Map.of(), "{\"customerId\":\"" + CUSTOMER + "\",\"balance\":1}", 409, "already-exists",
                        null)));
        return cases.stream();
    }

    private static BadRequest account(String name, String body, String type, String field) {
        return post("/accounts", name, body, 400, type, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void accounts(BadRequest bad) {
        bad.assertRefusedChangingNothing(PaymentsAbuseTest::state, PaymentsAbuseTest::serving);
    }

    static Stream<BadRequest> reads() {
        return Stream.of(
                call("GET", "/accounts/nobody", "an unknown customer", 404, "not-found", null),
                call("GET", "/accounts/..%2F..%2Fetc%2Fpasswd", "an encoded path traversal", 404, "not-found", null),
                call("GET", "/accounts/" + "x".repeat(4000), "a 4000-character id", 404, "not-found", null),
                call("GET", "/accounts/" + CUSTOMER + "?view=x", "an unknown view", 400, "validation", "view"),
                call("GET", "/accounts/" + CUSTOMER, "Accept application/xml", 406, "not-acceptable", null)
                        .accept("application/xml"),
                call("DELETE", "/accounts/" + CUSTOMER, "DELETE, which is not offered", 405, "method-not-allowed", null),
                call("GET", "/payments", "GET of the payments, which is not offered", 405, "method-not-allowed", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void reads(BadRequest bad) {
        bad.assertRefusedChangingNothing(PaymentsAbuseTest::state, PaymentsAbuseTest::serving);
    }

    static Stream<BadRequest> payments() {
        String lra = newLra().toASCIIString();
        List<BadRequest> cases = new ArrayList<>();
        for (BadRequest bad : BadRequest.malformedJson("/payments", VALID_PAYMENT, "customerId")) {
            cases.add(bad.header(LRA_HTTP_CONTEXT_HEADER, lra));
        }
        cases.addAll(List.of(
                payment("missing amount", "{\"customerId\":\"" + CUSTOMER + "\"}", 400, "validation", "amount"),
                payment("missing customerId", "{\"amount\":1}", 400, "validation", "customerId"),
                payment("amount zero", "{\"customerId\":\"" + CUSTOMER + "\",\"amount\":0}", 400, "validation", "amount"),
                payment("amount negative", "{\"customerId\":\"" + CUSTOMER + "\",\"amount\":-10}", 400, "validation",
                        "amount"),
                payment("amount 10^30", "{\"customerId\":\"" + CUSTOMER + "\",\"amount\":1000000000000000000000000000000}",
                        400, "validation", "amount"),
                payment("amount 1e400", "{\"customerId\":\"" + CUSTOMER + "\",\"amount\":1e400}", 400, "validation",
                        "amount"),
                payment("amount 1e-400", "{\"customerId\":\"" + CUSTOMER + "\",\"amount\":1e-400}", 400, "validation",
                        "amount"),
                payment("amount a string", "{\"customerId\":\"" + CUSTOMER + "\",\"amount\":\"1\"}", 400, "malformed-request",
                        "amount"),
                payment("amount an object", "{\"customerId\":\"" + CUSTOMER + "\",\"amount\":{}}", 400,
                        "malformed-request", "amount"),
                payment("customerId 65 characters", "{\"customerId\":\"" + "c".repeat(65) + "\",\"amount\":1}", 400,
                        "validation", "customerId"),
                payment("an unknown customer", "{\"customerId\":\"nobody\",\"amount\":1}", 422, "unknown-reference",
                        "customerId"),
                payment("more than the balance", "{\"customerId\":\"" + CUSTOMER + "\",\"amount\":1000000}", 402,
                        "insufficient-funds", null)));
        cases.add(post("/payments", "no Long-Running-Action header", VALID_PAYMENT, 412, "lra-required", null));
        cases.addAll(ParticipantAbuse.lraHeaders("/payments", VALID_PAYMENT, lra.substring(0, lra.lastIndexOf('/'))));
        return cases.stream();
    }

    private static URI newLra() {
        return Coordinator.ofServiceUnderTest().start("payments-abuse", Duration.ofMinutes(5));
    }

    private static BadRequest payment(String name, String body, int status, String type, String field) {
        return post("/payments", name, body, status, type, field).header(LRA_HTTP_CONTEXT_HEADER,
                newLra().toASCIIString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void payments(BadRequest bad) {
        bad.assertRefusedChangingNothing(PaymentsAbuseTest::state, PaymentsAbuseTest::serving);
    }

    @Test
    void aPaymentInAnEndedLraIsRefusedAndTakesNothing() {
        Coordinator coordinator = Coordinator.ofServiceUnderTest();
        URI lra = coordinator.start("payments-abuse", Duration.ofMinutes(5));
        coordinator.cancel(lra);
        post("/payments", "a cancelled LRA", VALID_PAYMENT, 412, "lra-not-active", null)
                .header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .assertRefusedChangingNothing(PaymentsAbuseTest::state, PaymentsAbuseTest::serving);
    }

    @Test
    void forgedAndReplayedCallbacksChangeNothing() {
        ParticipantAbuse.forgedAndReplayedCallbacksChangeNothing(lra -> given().contentType(ContentType.JSON)
                .header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).body(VALID_PAYMENT).post("/payments")
                .then().statusCode(201), PaymentsAbuseTest::state, PaymentsAbuseTest::serving);
    }
}
