package io.lrasaga.orders;

import static io.restassured.RestAssured.given;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.UUID;

import io.lrasaga.testing.SagaPeersResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The order saga with the real coordinator, inventory, payments and activity services as
 * processes: what the customer sees, and what each store holds afterwards.
 */
@QuarkusTest
@WithTestResource(SagaPeersResource.class)
class OrderResourceTest {

    @ConfigProperty(name = "lra-saga.test.inventory-url")
    String inventoryUrl;

    @ConfigProperty(name = "lra-saga.test.payments-url")
    String paymentsUrl;

    @ConfigProperty(name = "lra-saga.test.activity-url")
    String activityUrl;

    private String product(String price, int stock) {
        String sku = "sku-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"" + sku + "\",\"name\":\"Thing\",\"price\":" + price + ",\"stock\":" + stock + "}")
                .post(inventoryUrl + "/products").then().statusCode(201);
        return sku;
    }

    private String customer(String balance) {
        String id = "cust-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + id + "\",\"balance\":" + balance + "}")
                .post(paymentsUrl + "/accounts").then().statusCode(201);
        return id;
    }

    private int stock(String sku) {
        return given().get(inventoryUrl + "/products/" + sku).then().statusCode(200).extract().path("stock");
    }

    private BigDecimal balance(String customer) {
        return new BigDecimal(given().get(paymentsUrl + "/accounts/" + customer).then().statusCode(200)
                .extract().jsonPath().getString("balance"));
    }

    private int events(String customer) {
        return given().queryParam("userId", customer).get(activityUrl + "/events").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }

    private ExtractableResponse<Response> order(String customer, String sku, int quantity) {
        return given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                        + "}]}")
                .post("/orders").then().extract();
    }

    private long orderCount() {
        return QuarkusTransaction.requiringNew().call(() -> Order.count());
    }

    private Order.Status stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Order.<Order>findById(id).status);
    }

    @Test
    void aPlacedOrderIsConfirmedEverywhere() {
        String sku = product("2.50", 10);
        String customer = customer("100.00");

        ExtractableResponse<Response> placed = order(customer, sku, 4);

        assertEquals(201, placed.statusCode(), placed.asString());
        assertEquals("CONFIRMED", placed.path("status"));
        assertEquals(0, new BigDecimal("10.00").compareTo(new BigDecimal(placed.jsonPath().getString("total"))));
        String id = placed.path("id");
        given().get("/orders/" + id).then().statusCode(200)
                .body("status", equalTo("CONFIRMED"), "customerId", equalTo(customer),
                        "items[0].sku", equalTo(sku), "items[0].quantity", equalTo(4), "lraId", notNullValue());
        assertEquals(Order.Status.CONFIRMED, stored(id));
        assertEquals(6, stock(sku));
        assertEquals(0, new BigDecimal("90.00").compareTo(balance(customer)));
        assertEquals(1, events(customer));
    }

    @Test
    void outOfStockCancelsTheOrderAndChargesNothing() {
        String sku = product("1.00", 2);
        String customer = customer("50.00");

        ExtractableResponse<Response> refused = order(customer, sku, 3);

        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("insufficient-stock", refused.path("type"));
        String id = refused.path("id");
        given().get("/orders/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(2, stock(sku));
        assertEquals(0, new BigDecimal("50.00").compareTo(balance(customer)));
        assertEquals(0, events(customer));
    }

    @Test
    void insufficientFundsCancelsTheOrderAndRestoresTheStock() {
        String sku = product("30.00", 5);
        String customer = customer("50.00");

        ExtractableResponse<Response> refused = order(customer, sku, 2);

        assertEquals(402, refused.statusCode(), refused.asString());
        assertEquals("insufficient-funds", refused.path("type"));
        assertEquals("CANCELLED", refused.path("status"));
        assertEquals(Order.Status.CANCELLED, stored(refused.path("id")));
        assertEquals(5, stock(sku));
        assertEquals(0, new BigDecimal("50.00").compareTo(balance(customer)));
        assertEquals(0, events(customer));
    }

    @Test
    void unknownSkuOrCustomerIsRefusedBeforeAnythingIsWritten() {
        String sku = product("1.00", 5);
        String customer = customer("10.00");
        long before = orderCount();

        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku
                        + "\",\"quantity\":1},{\"sku\":\"nope\",\"quantity\":1}]}")
                .post("/orders")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("unknown-reference"), "errors.field", hasItem("items[1].sku"));
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"nobody\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}")
                .post("/orders")
                .then().statusCode(422).body("errors.field", hasItem("customerId"));

        assertEquals(before, orderCount());
        assertEquals(5, stock(sku));
        assertEquals(0, new BigDecimal("10.00").compareTo(balance(customer)));
    }

    @Test
    void invalidOrdersNameTheFieldAndWriteNothing() {
        long before = orderCount();
        given().contentType(ContentType.JSON).body("{\"customerId\":\"c\",\"items\":[{\"sku\":\"s\",\"quantity\":0}]}")
                .post("/orders").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("validation"), "errors.field", hasItem("items[0].quantity"));
        given().contentType(ContentType.JSON).body("{\"customerId\":\"c\",\"items\":[]}")
                .post("/orders").then().statusCode(400).body("errors.field", hasItem("items"));
        given().contentType(ContentType.JSON).body("{\"items\":[{\"sku\":\"s\",\"quantity\":1}]}")
                .post("/orders").then().statusCode(400).body("errors.field", hasItem("customerId"));
        given().contentType(ContentType.JSON).body("{\"customerId\":\"c\",\"items\":[{\"sku\":\"s\",\"quantity\":\"x\"}]}")
                .post("/orders").then().statusCode(400).body("type", equalTo("malformed-request"));
        given().contentType(ContentType.JSON).body("not json")
                .post("/orders").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("{}")
                .post("/orders").then().statusCode(415).contentType("application/problem+json");
        assertEquals(before, orderCount());
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyAnswersTheFirstOrderAndStartsNothing() {
        String sku = product("2.00", 10);
        String customer = customer("100.00");
        String body = "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":2}]}";
        String key = "order-" + UUID.randomUUID();

        ExtractableResponse<Response> first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/orders").then().extract();
        ExtractableResponse<Response> repeat = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/orders").then().extract();

        assertEquals(201, first.statusCode(), first.asString());
        assertEquals(201, repeat.statusCode());
        assertEquals("true", repeat.header("Idempotent-Replayed"));
        assertEquals((String) first.path("id"), repeat.path("id"));
        assertEquals(8, stock(sku), "stock taken once");
        assertEquals(0, new BigDecimal("96.00").compareTo(balance(customer)), "charged once");

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body.replace("\"quantity\":2", "\"quantity\":3")).post("/orders")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("idempotency-key-reused"), "errors.field", hasItem("Idempotency-Key"));
        assertEquals(8, stock(sku));
    }

    @Test
    void aRefusedOrderIsReplayedToo() {
        String sku = product("2.00", 1);
        String customer = customer("100.00");
        String key = "order-" + UUID.randomUUID();
        String body = "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":5}]}";

        ExtractableResponse<Response> first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/orders").then().extract();
        ExtractableResponse<Response> repeat = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/orders").then().extract();

        assertEquals(409, first.statusCode());
        assertEquals(409, repeat.statusCode());
        assertEquals("application/problem+json", repeat.contentType());
        assertEquals((String) first.path("id"), repeat.path("id"));
        assertEquals(1, orderCountOf(customer));
    }

    /**
     * The process placing an order dies after the order was written but before it kept the
     * answer for its key (found by the chaos runner, orders killed mid-request): the key stays
     * claimed, and once the claim counts as abandoned a retry runs again. It must answer the
     * order the key already has, not place a second one (stock and money taken twice).
     */
    @Test
    void aRetryAfterTheAttemptWasAbandonedAnswersTheOrderItHadPlaced() {
        // What a kill -9 between the order's end and the answer leaves: a claim never finished, long ago.
        assertARetryAnswersTheOrderPlaced("UPDATE lra_saga_idempotency SET state = 'RUNNING', status = NULL, "
                + "body = NULL, claimed_at = now() - interval '1 hour' WHERE idem_key = ?1");
    }

    /**
     * An attempt that answered 5xx gives its key back (the request may run again), but it may
     * have written its order first: the retry answers that order instead of placing another.
     */
    @Test
    void aRetryAfterTheKeyWasReleasedAnswersTheOrderItHadPlaced() {
        // What the idempotency filter does with a 5xx answer: the claim is deleted.
        assertARetryAnswersTheOrderPlaced("DELETE FROM lra_saga_idempotency WHERE idem_key = ?1");
    }

    /** Places an order with a key, changes the key's claim with {@code claimChange}, retries. */
    private void assertARetryAnswersTheOrderPlaced(String claimChange) {
        String sku = product("2.00", 10);
        String customer = customer("100.00");
        String body = "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":2}]}";
        String key = "order-" + UUID.randomUUID();
        ExtractableResponse<Response> first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/orders").then().extract();
        assertEquals(201, first.statusCode(), first.asString());
        QuarkusTransaction.requiringNew().run(() -> Order.getEntityManager().createNativeQuery(claimChange)
                .setParameter(1, key).executeUpdate());

        ExtractableResponse<Response> retry = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/orders").then().extract();

        assertEquals(201, retry.statusCode(), retry.asString());
        assertEquals((String) first.path("id"), retry.path("id"));
        assertEquals(key, retry.path("idempotencyKey"));
        assertEquals(1, orderCountOf(customer), "one order per key");
        assertEquals(8, stock(sku), "stock taken once");
        assertEquals(0, new BigDecimal("96.00").compareTo(balance(customer)), "charged once");
    }

    private long orderCountOf(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> Order.count("customerId", customer));
    }

    @Test
    void unknownOrderIsANotFoundProblem() {
        given().get("/orders/does-not-exist").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void repeatedCallbacksNeverFlipAnEndedOrder() {
        String sku = product("1.00", 5);
        String customer = customer("10.00");
        ExtractableResponse<Response> confirmed = order(customer, sku, 1);
        ExtractableResponse<Response> cancelled = order(customer, sku, 50);
        assertEquals(201, confirmed.statusCode());
        assertEquals(409, cancelled.statusCode());

        for (int i = 0; i < 2; i++) {
            given().header(LRA_HTTP_CONTEXT_HEADER, (String) confirmed.path("lraId")).put("/orders/complete")
                    .then().statusCode(200).body(equalTo("Completed"));
            given().header(LRA_HTTP_CONTEXT_HEADER, (String) cancelled.path("lraId")).put("/orders/compensate")
                    .then().statusCode(200).body(equalTo("Compensated"));
            // A late callback of the other kind must not undo the recorded outcome.
            given().header(LRA_HTTP_CONTEXT_HEADER, (String) confirmed.path("lraId")).put("/orders/compensate")
                    .then().statusCode(200);
        }

        assertEquals(Order.Status.CONFIRMED, stored(confirmed.path("id")));
        assertEquals(Order.Status.CANCELLED, stored(cancelled.path("id")));
        given().header(LRA_HTTP_CONTEXT_HEADER, (String) confirmed.path("lraId")).get("/orders/status")
                .then().statusCode(200).body(equalTo("Completed"));
    }
}
