package io.lrasaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.lrasaga.e2e.TransactionsSystem.*;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.Invariants;
import io.lrasaga.launcher.JsonHttp;
import io.lrasaga.launcher.JsonHttp.Reply;
import io.lrasaga.launcher.LocalSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /transactions} over real processes (the {@link TransactionsSystem}): the coordinator and the four services as
 * JVMs, embedded PostgreSQL and the MongoDB wire server. Every seed example of
 * saga-warehouse-transactions, checked in the stores through the services' own APIs.
 */
@ExtendWith(TransactionsSystem.class)
class TransactionsIT {

    private static LocalSystem system;
    private static Invariants invariants;

    @BeforeAll
    static void shareTheSystem() {
        system = TransactionsSystem.system();
        invariants = TransactionsSystem.invariants();
    }

    // ---- the seed examples

    @Test
    void aMultiStoreWriteCompletesInEveryStore() {
        String sku = product(10);
        String customer = customer("100.00");
        String orderId = UUID.randomUUID().toString();

        Reply result = transaction(List.of(
                step("insert", from("database", "orders-db", "Order"), null, Map.of("id", orderId,
                        "customerId", customer, "total", new BigDecimal("8.00"), "status", "CONFIRMED")),
                decrementStock(sku, 2),
                step("update", from("database", "payments-db", "Account"),
                        Map.of("customerId", customer, "balance", Map.of("$gte", 8)),
                        Map.of("balance", Map.of("$decrement", new BigDecimal("8.00")))),
                step("insert", from("document", "activity-docs", "ActivityEvent"), null,
                        Map.of("userId", customer, "type", "ORDER_PLACED", "orderId", orderId))), null);

        assertEquals(200, result.status(), result.body().toString());
        assertEquals("completed", result.text("status"));
        JsonNode steps = result.body().path("stepResults");
        assertEquals(List.of("step_0", "step_1", "step_2", "step_3"), texts(fieldNames(steps)));
        for (JsonNode step : steps) {
            assertEquals(1, step.path("affectedRows").asInt(), step.toString());
            assertTrue(step.path("error").isMissingNode(), step.toString());
        }
        assertEquals(8, steps.path("step_1").path("data").get(0).path("stock").asInt());
        assertEquals(List.of(), texts(result.body().path("compensatedSteps")));
        assertTrue(result.body().path("executionTime").asLong() >= 0);

        JsonNode order = http.get(system.url(App.ORDERS) + "/orders/" + orderId).body();
        assertEquals("CONFIRMED", order.path("status").asText());
        assertEquals(result.text("lraId"), order.path("lraId").asText(), "the order records the LRA it was written in");
        assertEquals(8, stock(sku));
        assertEquals(0, new BigDecimal("92.00").compareTo(balance(customer)));
        await().atMost(SETTLE).until(() -> events(customer + "&view=committed").size() == 1);
        assertEquals(orderId, events(customer).get(0).path("orderId").asText());
        assertNoUnfinishedLras();
        Reply again = http.get(system.url(App.COORDINATOR) + "/transactions/" + result.text("id"));
        assertEquals("completed", again.text("status"));
    }

    private static JsonNode fieldNames(JsonNode object) {
        var names = JsonHttp.mapper().createArrayNode();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aFailingThirdStepCompensatesTheFirstTwoAndLeavesNoTrace() {
        String sku = product(10);
        String customer = customer("50.00");

        Reply result = transaction(List.of(
                decrementStock(sku, 3),
                event(customer, "STOCK_TAKEN"),
                // the account exists already: the third step is refused by the store
                step("insert", from("database", "payments-db", "Account"), null,
                        Map.of("customerId", customer, "balance", new BigDecimal("1.00")))), null);

        assertEquals(200, result.status(), result.body().toString());
        assertEquals("compensated", result.text("status"));
        assertEquals(List.of("step_0", "step_1"), texts(result.body().path("compensatedSteps")));
        JsonNode failed = result.body().path("stepResults").path("step_2");
        assertEquals("already-exists", failed.path("problem").path("type").asText(), failed.toString());
        assertTrue(result.text("error").contains("already-exists"), result.text("error"));

        assertEquals(10, stock(sku));
        assertEquals(0, new BigDecimal("50.00").compareTo(balance(customer)));
        assertEquals(0, events(customer).size(), "the compensated event is gone");
        assertNoUnfinishedLras();
    }

    @Test
    void aGuardedDecrementFailsCleanlyWhenStockIsShort() {
        String sku = product(1);
        String user = newId();

        Reply result = transaction(List.of(event(user, "WANTS_TWO"), decrementStock(sku, 2)), null);

        assertEquals("compensated", result.text("status"), result.body().toString());
        assertEquals(List.of("step_0"), texts(result.body().path("compensatedSteps")));
        JsonNode failed = result.body().path("stepResults").path("step_1");
        assertEquals("precondition-failed", failed.path("problem").path("type").asText(), failed.toString());
        assertEquals(1, stock(sku), "the stock never went below what the guard allows");
        assertEquals(0, events(user).size());
        assertNoUnfinishedLras();
    }

    @Test
    void aTimeoutCompensatesWhatRan() {
        String sku = product(5);
        String user = newId();
        String blocker = lraHolding(sku);
        try {
            Reply result = transaction(List.of(event(user, "BEFORE_TIMEOUT"), renameProduct(sku, "renamed")),
                    Map.of("timeout", 1500, "retryOnFailure", true, "maxRetries", 10));

            assertEquals("compensated", result.text("status"), result.body().toString());
            assertTrue(result.text("error").contains("timed out"), result.text("error"));
            assertEquals(List.of("step_0"), texts(result.body().path("compensatedSteps")));
            // retried until the next pause would have passed the timeout
            assertTrue(result.body().path("stepResults").path("step_1").path("attempts").asInt() > 1,
                    result.body().toString());
            assertTrue(result.body().path("executionTime").asLong() <= 1500 + 5000, result.body().toString());
            assertEquals(0, events(user).size());
        } finally {
            http.put(blocker + "/cancel", Map.of());
        }
        assertEquals("tx item", productName(sku));
        assertNoUnfinishedLras();
    }

    @Test
    void aTimeoutWithoutCompensateOnTimeoutLeavesTheLraForAnOperator() {
        String sku = product(5);
        String user = newId();
        String blocker = lraHolding(sku);
        Reply result;
        try {
            result = transaction(List.of(event(user, "LEFT_OPEN"), renameProduct(sku, "renamed")),
                    Map.of("timeout", 1000, "retryOnFailure", true, "maxRetries", 10, "compensateOnTimeout", false));
        } finally {
            http.put(blocker + "/cancel", Map.of());
        }
        assertEquals(202, result.status(), result.body().toString());
        assertEquals("unknown", result.text("status"));
        assertEquals("Active", result.text("lraStatus"));
        String id = result.text("id");
        assertEquals("unknown", http.get(system.url(App.COORDINATOR) + "/transactions/" + id).text("status"));
        assertEquals(1, events(user).size(), "the first step's write waits for a decision");

        Reply cancelled = http.post(system.url(App.COORDINATOR) + "/admin/lras/" + id + "/cancel", "", operator());
        assertEquals(200, cancelled.status(), cancelled.body().toString());

        Reply after = http.get(system.url(App.COORDINATOR) + "/transactions/" + id);
        assertEquals("compensated", after.text("status"), after.body().toString());
        assertEquals(List.of("step_0"), texts(after.body().path("compensatedSteps")));
        assertEquals(0, events(user).size());
        assertNoUnfinishedLras();
    }

    @Test
    void retryOnFailureWaitsOutAConflictingSaga() throws Exception {
        String sku = product(5);
        String blocker = lraHolding(sku);
        double conflictsBefore = inventoryConflicts();
        CompletableFuture<Reply> running = CompletableFuture.supplyAsync(() -> transaction(
                List.of(renameProduct(sku, "retried")), Map.of("retryOnFailure", true, "maxRetries", 10)));
        try {
            await().atMost(SETTLE).until(() -> inventoryConflicts() > conflictsBefore);
        } finally {
            http.put(blocker + "/close", Map.of());
        }
        Reply result = running.get();

        assertEquals("completed", result.text("status"), result.body().toString());
        assertTrue(result.body().path("stepResults").path("step_0").path("attempts").asInt() > 1,
                result.body().toString());
        assertEquals("retried", productName(sku));
        assertNoUnfinishedLras();
    }

    @Test
    void withoutRetryOnFailureAConflictCompensatesAtOnce() {
        String sku = product(5);
        String user = newId();
        String blocker = lraHolding(sku);
        try {
            Reply result = transaction(List.of(event(user, "FIRST"), renameProduct(sku, "not-retried")), null);

            assertEquals("compensated", result.text("status"), result.body().toString());
            JsonNode failed = result.body().path("stepResults").path("step_1");
            assertEquals("saga-conflict", failed.path("problem").path("type").asText());
            assertEquals(1, failed.path("attempts").asInt());
            assertEquals(0, events(user).size());
        } finally {
            http.put(blocker + "/cancel", Map.of());
        }
        assertEquals("tx item", productName(sku));
    }

    @Test
    void theSameIdempotencyKeyRunsOnce() throws Exception {
        String sku = product(10);
        String key = "tx-key-" + UUID.randomUUID();
        String body = JsonHttp.mapper().writeValueAsString(Map.of("steps", List.of(decrementStock(sku, 1))));

        HttpResponse<String> first = postWithKey(body, key);
        HttpResponse<String> second = postWithKey(body, key);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());
        assertEquals("true", second.headers().firstValue("Idempotent-Replayed").orElse(null));
        JsonNode a = JsonHttp.mapper().readTree(first.body());
        JsonNode b = JsonHttp.mapper().readTree(second.body());
        assertEquals(a.path("id"), b.path("id"));
        assertEquals("completed", b.path("status").asText());
        assertEquals(9, stock(sku), "the stock was taken once");

        String other = JsonHttp.mapper().writeValueAsString(Map.of("steps", List.of(decrementStock(sku, 2))));
        HttpResponse<String> reused = postWithKey(other, key);
        assertEquals(422, reused.statusCode(), reused.body());
        assertEquals("idempotency-key-reused", JsonHttp.mapper().readTree(reused.body()).path("type").asText());
        assertEquals(9, stock(sku));
    }

    private static HttpResponse<String> postWithKey(String body, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(system.url(App.COORDINATOR) + "/transactions"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- validation: 4xx before anything runs

    @Test
    void everyValidationErrorIsReportedAtOnceAndNothingRuns() {
        String sku = product(10);
        Reply refused = transaction(List.of(
                decrementStock(sku, 1),
                step("insert", from("database", "nowhere-db", "Product"), null, Map.of("sku", "x")),
                step("insert", from("database", "inventory-db", "Widget"), null, Map.of("sku", "x")),
                step("update", from("database", "inventory-db", "Product"), Map.of("stock", Map.of("$gtx", 1)),
                        Map.of("stock", 1)),
                step("update", from("database", "inventory-db", "Product"), null, Map.of("stock", 1)),
                step("delete", from("database", "payments-db", "Account"), null, null),
                step("insert", from("database", "inventory-db", "Product"), null, Map.of("invalidData", true)),
                step("update", from("database", "inventory-db", "Product"), Map.of("sku", sku),
                        Map.of("stock", Map.of("$increment", "many"))),
                step("insert", from("document", "inventory-db", "Product"), null, Map.of("sku", "x")),
                Map.of("call", Map.of("tag", "inventory-db", "method", "POST", "path", "/lra-saga/participant/complete"))),
                Map.of("timeout", -1, "colour", "blue"));

        assertEquals(400, refused.status(), refused.body().toString());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals("validation", refused.text("type"));
        List<String> fields = new ArrayList<>();
        refused.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        for (String expected : List.of("steps[1].from.tag", "steps[2].from.entity", "steps[3].where.stock",
                "steps[4].where", "steps[5].where", "steps[6].data.invalidData", "steps[7].data.stock",
                "steps[8].from.type", "steps[9].call.path", "options.timeout", "options.colour")) {
            assertTrue(fields.contains(expected), expected + " not in " + fields);
        }
        assertEquals(10, stock(sku), "nothing ran");
        assertNoUnfinishedLras();
    }

    @Test
    void emptyStepsAndMalformedBodiesAreRefused() {
        Reply empty = transaction(List.of(), null);
        assertEquals(400, empty.status());
        assertEquals("steps", empty.body().path("errors").get(0).path("field").asText());

        Reply malformed = http.post(system.url(App.COORDINATOR) + "/transactions", "{\"steps\": [");
        assertEquals(400, malformed.status());
        assertEquals("malformed-request", malformed.text("type"));

        Reply unknown = http.get(system.url(App.COORDINATOR) + "/transactions/0_ffff_0_0_0");
        assertEquals(404, unknown.status());
        assertNotEquals(null, unknown.text("type"));
    }

    @Test
    void entitiesThatAreNotAllowListedCannotBeReached() {
        // Reservation is an entity of inventory, but not on its allow-list.
        Reply refused = transaction(List.of(step("delete", from("database", "inventory-db", "Reservation"),
                Map.of("sku", "x"), null)), null);
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("steps[0].from.entity", refused.body().path("errors").get(0).path("field").asText());
        assertEquals(404, http.post(system.url(App.INVENTORY) + "/lra-saga/data/Reservation/validation",
                Map.of("operation", "delete", "where", Map.of("sku", "x"))).status());
    }
}
