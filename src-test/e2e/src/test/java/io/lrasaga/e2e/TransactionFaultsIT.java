package io.lrasaga.e2e;

import static io.lrasaga.e2e.TransactionsSystem.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.HoldingProxy;
import io.lrasaga.launcher.JsonHttp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outcomes of {@code POST /transactions} that need someone to act, over real processes (the
 * {@link TransactionsSystem}): {@code failed} — a compensation that would overwrite a change made
 * outside the saga stops, the LRA waits in the admin API, and an operator's repair and retry
 * finish it — and {@code unknown} — the close's answer comes too late, and the result says where
 * to ask; the later answer is the real outcome. Faults are placed with holding proxies at
 * instants the test controls; nothing sleeps.
 */
@ExtendWith(TransactionsSystem.class)
class TransactionFaultsIT {

    private static final Duration HELD = Duration.ofSeconds(30);

    private static String coordinator() {
        return system().url(App.COORDINATOR);
    }

    private static Reply outcome(String id) {
        return http.get(coordinator() + "/transactions/" + id);
    }

    /** Sets a product's name in its table directly: a writer that bypasses the saga runtime. */
    private static void renameBehindTheRuntime(String sku, String name) throws Exception {
        try (Connection db = inventoryDatabase();
                PreparedStatement update = db.prepareStatement("update product set name = ? where sku = ?")) {
            update.setString(1, name);
            update.setString(2, sku);
            assertEquals(1, update.executeUpdate());
        }
    }

    @Test
    void aCompensationThatWouldOverwriteAnotherChangeFailsUntilAnOperatorRepairsAndRetries() throws Exception {
        String sku = product(10);
        String customer = customer("20.00");
        HoldingProxy payments = paymentsProxy();
        // Step 1 is held at payments' door while the row step 0 renamed is changed outside the saga;
        // then it is refused (the account exists), so the LRA is cancelled and inventory must undo.
        payments.arm("/lra-saga/data/Account", HoldingProxy.Mode.FORWARD);
        CompletableFuture<Reply> running = CompletableFuture.supplyAsync(() -> transaction(List.of(
                renameProduct(sku, "saga name"),
                step("insert", from("database", PAYMENTS_HELD, "Account"), null,
                        Map.of("customerId", customer, "balance", new BigDecimal("1.00")))), null));
        try {
            payments.awaitHeld(HELD);
            renameBehindTheRuntime(sku, "changed outside");
        } finally {
            payments.release();
        }
        Reply result = running.get(SETTLE.toSeconds(), TimeUnit.SECONDS);

        assertEquals(200, result.status(), result.body().toString());
        assertEquals("failed", result.text("status"), result.body().toString());
        String id = result.text("id");
        assertEquals(List.of(), texts(result.body().path("compensatedSteps")), "inventory could not undo step_0");
        assertEquals("already-exists",
                result.body().path("stepResults").path("step_1").path("problem").path("type").asText());
        assertTrue(result.text("error").contains("/admin/lras/" + id + "/retry"), result.text("error"));
        assertEquals("changed outside", productName(sku), "the compensation overwrote nothing");

        // The operator finds it in the admin API, with the participant that could not compensate.
        await().atMost(SETTLE).until(() -> http.get(coordinator() + "/admin/lras/" + id, operator())
                .body().path("lra").path("status").asText().equals("FailedToCancel"));
        Reply listed = http.get(coordinator() + "/admin/lras?status=FailedToCancel&size=100", operator());
        JsonNode listedLra = null;
        for (JsonNode lra : listed.body().path("items")) {
            listedLra = lra.path("uid").asText().equals(id) ? lra : listedLra;
        }
        assertNotNull(listedLra, listed.body().toString());
        // ... with why: the participant's ledger names the field that changed behind the saga
        String why = "Product " + sku + ".name is changed outside, changed since the saga set it to saga name";
        String listedWhy = listedLra.path("failures").path(0).path("reason").asText();
        assertTrue(listedWhy.endsWith(why), listedLra.toString());
        JsonNode detail = http.get(coordinator() + "/admin/lras/" + id, operator()).body();
        List<String> reasons = new ArrayList<>();
        detail.path("participants").forEach(p -> {
            if (p.path("state").asText().equals("FailedToCompensate")) {
                reasons.add(p.path("reason").asText());
            }
        });
        assertEquals(List.of(listedWhy), reasons, detail.toString());
        assertEquals("failed", outcome(id).text("status"), "still failed until someone acts");

        // The repair: the value the saga wrote back, so its undo applies; then the retry finishes it.
        renameBehindTheRuntime(sku, "saga name");
        Reply retried = http.post(coordinator() + "/admin/lras/" + id + "/retry", "", operator());
        assertEquals(200, retried.status(), retried.body().toString());
        assertEquals("Cancelled", retried.text("status"), retried.body().toString());

        Reply after = outcome(id);
        assertEquals("compensated", after.text("status"), after.body().toString());
        assertEquals("Cancelled", after.text("lraStatus"));
        assertEquals(List.of("step_0"), texts(after.body().path("compensatedSteps")));
        assertTrue(after.text("error").contains("already-exists"), after.text("error"));
        assertEquals("tx item", productName(sku));
        assertNoUnfinishedLras();
    }

    @Test
    void aLostCloseAnswerIsLearnedFromTheCoordinatorsOwnRecord() throws Exception {
        String user = newId();
        HoldingProxy lraApi = coordinatorProxy();
        lraApi.arm("/close", HoldingProxy.Mode.FORWARD_THEN_LOSE);
        CompletableFuture<Reply> running = CompletableFuture.supplyAsync(
                () -> transaction(List.of(event(user, "ANSWER_LOST")), null));
        lraApi.awaitHeld(HELD);
        lraApi.release();
        Reply result = running.get(SETTLE.toSeconds(), TimeUnit.SECONDS);

        assertEquals(200, result.status(), result.body().toString());
        assertEquals("completed", result.text("status"), result.body().toString());
        await().atMost(SETTLE).until(() -> events(user + "&view=committed").size() == 1);
        assertNoUnfinishedLras();
    }

    @Test
    void aCloseAnsweredTooLateIsUnknownAndItsStatusUrlLaterReportsTheOutcome() throws Exception {
        String sku = product(10);
        String user = newId();
        HoldingProxy lraApi = coordinatorProxy();
        lraApi.arm("/close", HoldingProxy.Mode.FORWARD_THEN_LOSE);
        Reply result;
        try {
            CompletableFuture<Reply> running = CompletableFuture.supplyAsync(
                    () -> transaction(List.of(decrementStock(sku, 2), event(user, "LATE_CLOSE")), null));
            lraApi.awaitHeld(HELD);
            // The close is held past the executor's wait (end-timeout): it cannot know the outcome.
            result = running.get(SETTLE.toSeconds(), TimeUnit.SECONDS);

            assertEquals(202, result.status(), result.body().toString());
            assertEquals("unknown", result.text("status"), result.body().toString());
            assertEquals("Active", result.text("lraStatus"));
            String id = result.text("id");
            assertEquals("/transactions/" + id, result.text("statusUrl"));
            assertTrue(result.text("error").contains("GET /transactions/" + id), result.text("error"));
            assertEquals("unknown", outcome(id).text("status"));
            assertEquals(0, events(user + "&view=committed").size(), "nothing is committed yet");
        } finally {
            lraApi.release(); // the close arrives late, and closes
        }

        String id = result.text("id");
        await().atMost(SETTLE).until(() -> outcome(id).text("status").equals("completed"));
        Reply after = outcome(id);
        // Closing: committed, the coordinator is still completing the participants.
        assertTrue(List.of("Closing", "Closed").contains(after.text("lraStatus")), after.body().toString());
        assertEquals(null, after.text("error"), after.body().toString());
        assertEquals(8, stock(sku));
        await().atMost(SETTLE).until(() -> events(user + "&view=committed").size() == 1);
        assertNoUnfinishedLras();
    }

    @Test
    void anEventInsertedByATransactionLooksLikeOneRecordedThroughEvents() {
        String user = newId();
        Reply result = transaction(List.of(event(user, "VIA_TRANSACTION")), null);
        assertEquals("completed", result.text("status"), result.body().toString());

        String lra = http.post(system().coordinatorUrl() + "/start?ClientID=tx-faults-it&TimeLimit=60000", "")
                .body().asText();
        Reply recorded = http.post(system().url(App.ACTIVITY) + "/events",
                Map.of("userId", user, "type", "VIA_EVENTS"), Map.of("Long-Running-Action", lra));
        assertEquals(201, recorded.status(), recorded.body().toString());
        http.put(lra + "/close", Map.of());

        await().atMost(SETTLE).until(() -> events(user + "&view=committed").size() == 2);
        JsonNode viaTransaction = null;
        JsonNode viaEvents = null;
        for (JsonNode event : events(user)) {
            if (event.path("type").asText().equals("VIA_TRANSACTION")) {
                viaTransaction = event;
            } else {
                viaEvents = event;
            }
        }
        assertNotNull(viaTransaction);
        assertNotNull(viaEvents);
        assertEquals(result.text("lraId"), viaTransaction.path("lraId").asText(), viaTransaction.toString());
        assertEquals(lra, viaEvents.path("lraId").asText());
        assertTrue(viaTransaction.path("createdAt").isTextual() || viaTransaction.path("createdAt").isNumber(),
                viaTransaction.toString());
        assertEquals(fieldNames(viaEvents), fieldNames(viaTransaction));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
