package io.lrasaga.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.lrasaga.chaos.StoredOrders.StoredOrder;
import io.lrasaga.launcher.App;
import io.lrasaga.launcher.Invariants;
import io.lrasaga.launcher.JsonHttp;
import io.lrasaga.launcher.LocalSystem;

/**
 * One seed over a running system: its catalogue, its orders placed at a steady rate while its
 * fault schedule kills and restarts processes, then settling (polled, with a deadline) and the
 * checks.
 */
final class ChaosRun {

    private static final Logger LOG = Logger.getLogger(ChaosRun.class.getName());

    private final LocalSystem system;
    private final ChaosSettings settings;
    private final long seed;

    ChaosRun(LocalSystem system, ChaosSettings settings, long seed) {
        this.system = system;
        this.settings = settings;
        this.seed = seed;
    }

    ChaosReport run() throws InterruptedException {
        JsonHttp http = new JsonHttp();
        Catalogue catalogue = new Catalogue(seed, settings.expectedOrders());
        catalogue.create(system, http);
        Invariants invariants = new Invariants(system);
        Invariants.Snapshot initial = invariants.snapshot(catalogue.skus(), catalogue.customers());
        List<PlacedOrder> placed = catalogue.orders(seed, settings.expectedOrders());
        List<Fault> schedule = FaultSchedule.generate(seed, settings.load());
        LOG.info("chaos seed " + seed + ": " + placed.size() + " orders, faults " + schedule);

        List<FaultInjector.Injected> injected;
        Duration settle = null;
        try (OrderLoad load = new OrderLoad(system.url(App.ORDERS), placed, settings);
                FaultInjector faults = new FaultInjector(system)) {
            Instant start = Instant.now();
            load.start();
            injected = faults.run(schedule, start).join();
            Instant quiet = Instant.now();
            load.giveUpAt(max(quiet, start.plus(settings.load())).plus(settings.settle()));
            StoredOrders stored = new StoredOrders(system);
            ChaosChecks checks = new ChaosChecks(system);
            try {
                Awaitility.await("seed " + seed + " settles").atMost(settings.load().plus(settings.settle()))
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                        .until(() -> load.done() && stored.pending(catalogue.prefix()).isEmpty()
                                && checks.coordinatorSettled());
                settle = Duration.between(max(quiet, start.plus(settings.load())), Instant.now());
            } catch (ConditionTimeoutException notSettled) {
                LOG.warning("seed " + seed + " did not settle within " + settings.settle());
            }
            return report(catalogue, invariants, initial, placed, load.attemptsWithoutOrder(), injected, settle);
        }
    }

    private ChaosReport report(Catalogue catalogue, Invariants invariants, Invariants.Snapshot initial,
            List<PlacedOrder> placed, Map<String, Long> clientErrors, List<FaultInjector.Injected> injected,
            Duration settle) {
        ChaosChecks checks = new ChaosChecks(system);
        Map<String, StoredOrder> orders = new StoredOrders(system).orders(catalogue.prefix());
        List<String> violations = new ArrayList<>(invariants.violations(initial, orders.keySet()));
        violations.addAll(checks.duplicateEffects(catalogue.prefix(), orders));
        violations.addAll(checks.keysAndAnswers(placed, orders));
        violations.addAll(checks.replays(placed));
        List<String> failed = new ArrayList<>();
        violations.addAll(checks.coordinatorLras(failed));
        Map<String, Integer> answers = new TreeMap<>();
        List<String> answeredIds = new ArrayList<>();
        int gaveUp = 0;
        for (PlacedOrder order : placed) {
            PlacedOrder.Answer answer = order.answer();
            if (answer == null) {
                gaveUp++;
                continue;
            }
            String outcome = answer.status() + " " + (answer.type() == null ? "created" : answer.type());
            if (answer.orderId() != null && orders.containsKey(answer.orderId())) {
                outcome += " → " + orders.get(answer.orderId()).status();
                answeredIds.add(answer.orderId());
            }
            answers.merge(outcome, 1, Integer::sum);
        }
        Map<String, Integer> unanswered = new TreeMap<>();
        orders.values().stream().filter(order -> !answeredIds.contains(order.id()))
                .forEach(order -> unanswered.merge(order.status(), 1, Integer::sum));
        return new ChaosReport(seed, settings.load(), settings.rate(), placed.size(), answers, gaveUp, unanswered,
                clientErrors, injected, settle, failed, violations);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
