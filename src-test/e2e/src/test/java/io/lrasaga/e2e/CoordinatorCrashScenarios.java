package io.lrasaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.HoldingProxy;
import io.lrasaga.launcher.Invariants;
import io.lrasaga.launcher.JsonHttp;
import io.lrasaga.launcher.JsonHttp.Reply;
import io.lrasaga.launcher.LocalSystem;
import io.lrasaga.launcher.LocalSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * kill -9 of the coordinator at each point of a saga's life, and of a participant during its
 * compensation, over real processes: after the restart every saga ends consistently — the
 * stock, the balance and the activity event either all taken or all given back, exactly once —
 * and the coordinator holds no unfinished LRA. The test is the saga's initiator (as the orders
 * service would be); payments' callbacks pass through a {@link HoldingProxy}, which holds one
 * callback at the instant the test wants to crash something.
 *
 * <p>Bound: every saga is settled within {@link #SETTLE} of the restart (recovery every 2 s
 * here; with the default 30 s, add one period).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CoordinatorCrashScenarios {

    static final Duration SETTLE = Duration.ofSeconds(45);

    private final JsonHttp http = new JsonHttp();
    private LocalSystem system;
    private Invariants invariants;
    private HoldingProxy gate;

    /** The coordinator's store: file or jdbc. */
    abstract String store();

    @BeforeAll
    void startSystem() throws Exception {
        Path root = Path.of(System.getProperty("lra-saga.root", "../.."));
        Files.createDirectories(Path.of("target"));
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-" + store() + "-");
        system = new LocalSystem(LocalSystemConfig.defaults(root).withDataDir(data)
                .withPorts(FreePort.findRange(5), FreePort.find(), FreePort.find())
                .withCoordinatorStore(store()));
        gate = new HoldingProxy(FreePort.find(), system.url(App.PAYMENTS));
        system.configure(App.PAYMENTS, "lra-saga.participant.base-uri", gate.url());
        system.configure(App.COORDINATOR, "lra-saga.coordinator.recovery-period", "2s");
        system.start();
        invariants = new Invariants(system);
    }

    @AfterAll
    void stopSystem() {
        if (gate != null) {
            gate.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @AfterEach
    void everyProcessBack() throws Exception {
        gate.release();
        for (App app : App.values()) {
            if (!system.process(app).isAlive()) {
                system.startAndAwait(app);
            }
        }
    }

    /** One saga's three participants and what they hold. */
    private final class Saga {
        final String sku = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        final String customer = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        final String lra;
        final String uid;

        Saga(long timeLimitMillis) {
            assertEquals(201, http.post(system.url(App.INVENTORY) + "/products",
                    Map.of("sku", sku, "name", "crash item", "price", new BigDecimal("2.50"), "stock", 10)).status());
            assertEquals(201, http.post(system.url(App.PAYMENTS) + "/accounts",
                    Map.of("customerId", customer, "balance", new BigDecimal("100.00"))).status());
            lra = http.post(system.coordinatorUrl() + "/start?ClientID=crash-" + store() + "&TimeLimit="
                    + timeLimitMillis, "").body().asText();
            uid = lra.substring(lra.lastIndexOf('/') + 1);
        }

        void steps() {
            Map<String, String> context = Map.of("Long-Running-Action", lra);
            Reply reserved = http.post(system.url(App.INVENTORY) + "/reservations", Map.of("sku", sku, "quantity", 3),
                    context);
            assertEquals(201, reserved.status(), reserved.body().toString());
            Reply paid = http.post(system.url(App.PAYMENTS) + "/payments",
                    Map.of("customerId", customer, "amount", new BigDecimal("7.50")), context);
            assertEquals(201, paid.status(), paid.body().toString());
            Reply recorded = http.post(system.url(App.ACTIVITY) + "/events",
                    Map.of("userId", customer, "type", "crash-test", "orderId", uid), context);
            assertEquals(201, recorded.status(), recorded.body().toString());
        }

        /** "taken" (stock 7, balance 92.50, one event) or "given back" (10, 100.00, none), else what it is. */
        String effects() {
            int stock = http.get(system.url(App.INVENTORY) + "/products/" + sku).body().path("stock").asInt();
            BigDecimal balance = http.get(system.url(App.PAYMENTS) + "/accounts/" + customer).body().path("balance")
                    .decimalValue();
            int events = http.get(system.url(App.ACTIVITY) + "/events?userId=" + customer).body().size();
            if (stock == 7 && balance.compareTo(new BigDecimal("92.50")) == 0 && events == 1) {
                return "taken";
            }
            if (stock == 10 && balance.compareTo(new BigDecimal("100.00")) == 0 && events == 0) {
                return "given back";
            }
            return "stock " + stock + ", balance " + balance + ", events " + events;
        }

        String outcome() {
            Reply entry = http.get(system.url(App.COORDINATOR) + "/admin/history/" + uid, adminAuth());
            return entry.status() == 200 ? entry.text("status") : "not ended (" + entry.status() + ")";
        }

        /** Waits until the LRA has ended as expected and the stores agree, and nothing is left unfinished. */
        Duration awaitEnd(String lraOutcome, String expectedEffects) {
            Instant from = Instant.now();
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertEquals(
                    "LRA " + lraOutcome + ", effects " + expectedEffects + ", unfinished LRAs []",
                    "LRA " + outcome() + ", effects " + effects() + ", unfinished LRAs " + invariants.unfinishedLras()));
            return Duration.between(from, Instant.now());
        }

        CompletableFuture<Reply> endAsync(String action) {
            return CompletableFuture.supplyAsync(() -> http.put(lra + "/" + action, Map.of()));
        }
    }

    private Map<String, String> adminAuth() {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("operator:" + system.adminPassword()).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Ends the saga ({@code close} or {@code cancel}) and kill -9s the coordinator at the instant
     * payments' {@code callback} is held by the gate; the held call then goes on as {@code mode} says.
     */
    private void killCoordinatorWhileHeld(Saga saga, String action, String callback, HoldingProxy.Mode mode)
            throws Exception {
        gate.arm(callback, mode);
        saga.endAsync(action);
        gate.awaitHeld(Duration.ofSeconds(30));
        system.kill(App.COORDINATOR);
        gate.release();
    }

    private void restartCoordinator() throws Exception {
        system.kill(App.COORDINATOR);
        system.startAndAwait(App.COORDINATOR);
    }

    @Test
    void killedAfterTheStartTheLraGoesOnAndCloses() throws Exception {
        Saga saga = new Saga(600_000);
        restartCoordinator();

        saga.steps();
        assertEquals(200, http.put(saga.lra + "/close", Map.of()).status());
        saga.awaitEnd("Closed", "taken");
    }

    @Test
    void killedAfterTheParticipantsJoinedTheTimeLimitStillCancels() throws Exception {
        Saga saga = new Saga(8_000);
        saga.steps();
        restartCoordinator();

        // nobody closes or cancels: the restored time limit compensates every participant
        saga.awaitEnd("Cancelled", "given back");
    }

    @Test
    void killedInTheMiddleOfClosingEveryParticipantCompletesOnce() throws Exception {
        Saga saga = new Saga(600_000);
        saga.steps();
        killCoordinatorWhileHeld(saga, "close", "/complete", HoldingProxy.Mode.DROP);

        system.startAndAwait(App.COORDINATOR);
        saga.awaitEnd("Closed", "taken");
    }

    @Test
    void killedInTheMiddleOfCancellingACompensationThatRanIsNotRepeated() throws Exception {
        Saga saga = new Saga(600_000);
        saga.steps();
        // payments compensates, the coordinator dies before it learns so
        killCoordinatorWhileHeld(saga, "cancel", "/compensate", HoldingProxy.Mode.FORWARD_THEN_LOSE);

        system.startAndAwait(App.COORDINATOR);
        saga.awaitEnd("Cancelled", "given back");
    }

    @Test
    void aParticipantKilledDuringItsCompensationCompensatesOnceItIsBack() throws Exception {
        Saga saga = new Saga(600_000);
        saga.steps();
        gate.arm("/compensate", HoldingProxy.Mode.DROP);
        CompletableFuture<Reply> cancel = saga.endAsync("cancel");
        gate.awaitHeld(Duration.ofSeconds(30));
        system.kill(App.PAYMENTS);
        gate.release();
        cancel.join();

        // payments is down: the LRA waits, recovery keeps trying
        await().atMost(SETTLE).until(() -> "Cancelling".equals(http.get(saga.lra + "/status").body().asText()));
        assertEquals(List.of(saga.lra + " Cancelling"), invariants.unfinishedLras().stream()
                .filter(lra -> lra.startsWith(saga.lra)).distinct().toList());

        system.startAndAwait(App.PAYMENTS);
        saga.awaitEnd("Cancelled", "given back");
    }
}
