package io.lrasaga.orders;

import static io.lrasaga.testing.BadRequest.call;
import static io.lrasaga.testing.BadRequest.post;
import static io.restassured.RestAssured.given;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.lrasaga.testing.BadRequest;
import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.SagaPeersResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public endpoint of orders with bad input, forged callbacks and foreign LRA contexts,
 * against the real coordinator, inventory, payments and activity: each gets a 4xx problem, no
 * order is written or changed, no stock, balance or event moves, no LRA is left running, and the
 * service keeps serving. docs/reliability.md ("Bad input and abuse") counts these cases.
 */
@QuarkusTest
@WithTestResource(SagaPeersResource.class)
class OrdersAbuseTest {

    private static final String SKU = "abuse-sku";
    private static final String CUSTOMER = "abuse-customer";
    private static final String VALID_ORDER = "{\"customerId\":\"" + CUSTOMER + "\",\"items\":[{\"sku\":\"" + SKU
            + "\",\"quantity\":1}]}";

    private static String peer(String app) {
        return ConfigProvider.getConfig().getValue("lra-saga.test." + app + "-url", String.class);
    }

    @BeforeEach
    void aProductAndACustomer() {
        if (given().get(peer("inventory") + "/products/" + SKU).statusCode() == 404) {
            given().contentType(ContentType.JSON).body("{\"sku\":\"" + SKU + "\",\"name\":\"T\",\"price\":2.00,\"stock\":50}")
                    .post(peer("inventory") + "/products").then().statusCode(201);
            given().contentType(ContentType.JSON).body("{\"customerId\":\"" + CUSTOMER + "\",\"balance\":100.00}")
                    .post(peer("payments") + "/accounts").then().statusCode(201);
        }
    }

    /** Orders, the fixture's stock, balance and events, and the LRAs still running. */
    private static String state() {
        String orders = QuarkusTransaction.requiringNew().call(() -> Order.<Order>listAll().stream()
                .map(o -> o.id + "=" + o.status).sorted().toList().toString());
        int stock = given().get(peer("inventory") + "/products/" + SKU).then().statusCode(200).extract().path("stock");
        String balance = given().get(peer("payments") + "/accounts/" + CUSTOMER).then().statusCode(200).extract()
                .jsonPath().getString("balance");
        int events = given().queryParam("userId", CUSTOMER).get(peer("activity") + "/events").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
        List<String> running = given().get(peer("coordinator") + "/lra-coordinator").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.status == 'Active' }.lraId");
        return orders + " stock=" + stock + " balance=" + new BigDecimal(balance).stripTrailingZeros().toPlainString()
                + " events=" + events + " running=" + running.size();
    }

    private static void serving() {
        given().get("/orders/no-such-order").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
    }

    static Stream<BadRequest> placing() {
        List<BadRequest> cases = new ArrayList<>(BadRequest.malformedJson("/orders", VALID_ORDER, "customerId"));
        cases.addAll(List.of(
                order("missing customerId", "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}", "validation",
                        "customerId"),
                order("missing items", "{\"customerId\":\"" + CUSTOMER + "\"}", "validation", "items"),
                order("no items", "{\"customerId\":\"" + CUSTOMER + "\",\"items\":[]}", "validation", "items"),
                order("items an object", "{\"customerId\":\"" + CUSTOMER + "\",\"items\":{\"sku\":\"s\"}}",
                        "malformed-request", "items"),
                order("a null item", "{\"customerId\":\"" + CUSTOMER + "\",\"items\":[null]}", "validation", "items[0]"),
                order("51 items", "{\"customerId\":\"" + CUSTOMER + "\",\"items\":["
                        + String.join(",", java.util.Collections.nCopies(51, "{\"sku\":\"" + SKU + "\",\"quantity\":1}"))
                        + "]}", "validation", "items"),
                item("quantity zero", "\"" + SKU + "\"", "0", "validation", "items[0].quantity"),
                item("quantity negative", "\"" + SKU + "\"", "-3", "validation", "items[0].quantity"),
                item("quantity a fraction", "\"" + SKU + "\"", "1.5", "malformed-request", "items[0].quantity"),
                item("quantity a string", "\"" + SKU + "\"", "\"1\"", "malformed-request", "items[0].quantity"),
                item("quantity Long.MAX+1", "\"" + SKU + "\"", "9223372036854775808", "malformed-request",
                        "items[0].quantity"),
                item("quantity 1e400", "\"" + SKU + "\"", "1e400", "malformed-request", "items[0].quantity"),
                item("quantity over the maximum", "\"" + SKU + "\"", "1000001", "validation", "items[0].quantity"),
                item("sku blank", "\"\"", "1", "validation", "items[0].sku"),
                item("sku 65 characters", "\"" + "s".repeat(65) + "\"", "1", "validation", "items[0].sku"),
                item("sku ..", "\"..\"", "1", "validation", "items[0].sku"),
                item("sku climbing into another resource", "\"../../accounts/" + CUSTOMER + "\"", "1", "validation",
                        "items[0].sku"),
                item("sku with a query", "\"" + SKU + "?view=committed\"", "1", "validation", "items[0].sku"),
                item("sku encoded ..", "\"%2e%2e\"", "1", "validation", "items[0].sku"),
                order("customerId 65 characters", "{\"customerId\":\"" + "c".repeat(65) + "\",\"items\":[{\"sku\":\""
                        + SKU + "\",\"quantity\":1}]}", "validation", "customerId"),
                order("customerId climbing into another resource", "{\"customerId\":\"../../products/" + SKU
                        + "\",\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}", "validation", "customerId"),
                post("/orders", "an unknown sku", "{\"customerId\":\"" + CUSTOMER
                        + "\",\"items\":[{\"sku\":\"no-such-sku\",\"quantity\":1}]}", 422, "unknown-reference",
                        "items[0].sku"),
                post("/orders", "an unknown customer", "{\"customerId\":\"nobody\",\"items\":[{\"sku\":\"" + SKU
                        + "\",\"quantity\":1}]}", 422, "unknown-reference", "customerId"),
                post("/orders", "a blank Idempotency-Key", VALID_ORDER, 400, "validation", "Idempotency-Key")
                        .header("Idempotency-Key", " "),
                post("/orders", "an Idempotency-Key of 300 characters", VALID_ORDER, 400, "validation",
                        "Idempotency-Key").header("Idempotency-Key", "k".repeat(300)),
                post("/orders", "an Idempotency-Key with a control character", VALID_ORDER, 400, "validation",
                        "Idempotency-Key").header("Idempotency-Key", "a\tb"),
                post("/orders", "an LRA header of a foreign coordinator", VALID_ORDER, 400, "untrusted-coordinator",
                        LRA_HTTP_CONTEXT_HEADER).header(LRA_HTTP_CONTEXT_HEADER, "http://169.254.169.254/lra/1")));
        return cases.stream();
    }

    private static BadRequest order(String name, String body, String type, String field) {
        return post("/orders", name, body, 400, type, field);
    }

    private static BadRequest item(String name, String sku, String quantity, String type, String field) {
        return order(name, "{\"customerId\":\"" + CUSTOMER + "\",\"items\":[{\"sku\":" + sku + ",\"quantity\":"
                + quantity + "}]}", type, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void placing(BadRequest bad) {
        bad.assertRefusedChangingNothing(OrdersAbuseTest::state, OrdersAbuseTest::serving);
    }

    static Stream<BadRequest> reads() {
        return Stream.of(
                call("GET", "/orders/" + UUID.randomUUID(), "an unknown order", 404, "not-found", null),
                call("GET", "/orders/..%2F..%2Fq%2Fhealth", "an encoded path traversal", 404, "not-found", null),
                call("GET", "/orders/" + "x".repeat(4000), "a 4000-character id", 404, "not-found", null),
                call("GET", "/orders/" + UUID.randomUUID(), "Accept application/xml", 406, "not-acceptable", null)
                        .accept("application/xml"),
                call("DELETE", "/orders/" + UUID.randomUUID(), "DELETE, which is not offered", 405,
                        "method-not-allowed", null),
                call("GET", "/orders", "a list of all orders, which is not offered", 405, "method-not-allowed", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void reads(BadRequest bad) {
        bad.assertRefusedChangingNothing(OrdersAbuseTest::state, OrdersAbuseTest::serving);
    }

    /**
     * Regression: a forged complete used to confirm an order whose saga was still running, so a
     * later cancel left it CONFIRMED with its stock given back. Now orders asks the coordinator.
     */
    @Test
    void forgedCallbacksChangeNoOrder() {
        Coordinator coordinator = new Coordinator(peer("coordinator") + "/lra-coordinator");
        URI running = coordinator.start("orders-abuse", Duration.ofMinutes(5));
        String lra = running.toASCIIString();
        String id = QuarkusTransaction.requiringNew().call(() -> {
            Order order = new Order();
            order.id = UUID.randomUUID().toString();
            order.customerId = CUSTOMER;
            order.total = BigDecimal.ONE;
            order.lraId = lra;
            order.status = Order.Status.PENDING;
            order.createdAt = Instant.now();
            order.persist();
            return order.id;
        });
        String base = lra.substring(0, lra.lastIndexOf('/'));
        try {
            for (String callback : List.of("complete", "compensate")) {
                callback(callback, "forged " + callback + " of a running saga", lra, 412, "callback-not-confirmed");
                callback(callback, callback + " of a foreign coordinator", "http://evil.example/lra-coordinator/1", 400,
                        "untrusted-coordinator");
                callback(callback, callback + " with a header that is not a URL", "not a url", 400,
                        "untrusted-coordinator");
                callback(callback, callback + " without the LRA header", null, 412, "lra-required");
            }
            BadRequest status = call("GET", "/orders/status", "status of an unknown LRA", 410, "http-410", null)
                    .header(LRA_HTTP_CONTEXT_HEADER, base + "/0_ffff_7f000001_" + System.nanoTime());
            status.assertRefusedChangingNothing(OrdersAbuseTest::state, OrdersAbuseTest::serving);
            assertEquals(Order.Status.PENDING, QuarkusTransaction.requiringNew()
                    .call(() -> Order.<Order>findById(id).status));
        } finally {
            coordinator.cancel(running);
            QuarkusTransaction.requiringNew().run(() -> Order.deleteById(id));
        }
    }

    private static void callback(String callback, String name, String lra, int status, String type) {
        BadRequest bad = call("PUT", "/orders/" + callback, name, status, type, null);
        if (lra != null) {
            bad = bad.header(LRA_HTTP_CONTEXT_HEADER, lra);
        }
        bad.assertRefusedChangingNothing(OrdersAbuseTest::state, OrdersAbuseTest::serving);
    }

    /** A replayed callback of an order's genuine end only repeats it. */
    @Test
    void replayedCallbacksRepeatTheOutcome() {
        var placed = given().contentType(ContentType.JSON).body(VALID_ORDER).post("/orders").then().statusCode(201)
                .extract();
        String lra = placed.path("lraId");
        String before = state();
        for (int i = 0; i < 3; i++) {
            given().header(LRA_HTTP_CONTEXT_HEADER, lra).put("/orders/complete").then().statusCode(200);
            given().header(LRA_HTTP_CONTEXT_HEADER, lra).put("/orders/compensate").then().statusCode(200);
        }
        assertEquals(before, state());
        given().get("/orders/" + placed.path("id")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CONFIRMED"));
    }
}
