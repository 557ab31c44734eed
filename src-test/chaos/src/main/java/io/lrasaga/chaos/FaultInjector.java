package io.lrasaga.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.lrasaga.launcher.LocalSystem;

/**
 * Carries out a fault schedule. Each target has its own lane: kill at the planned offset,
 * restart after the planned down time and wait until it is ready, then its next fault (at
 * once if that restart took past the plan). A restart that fails (a service exits when its
 * database is down at start) is tried again, up to {@link #STARTS} times, as a supervisor such
 * as Kubernetes would; the report notes it. Lanes run side by side, so a slow restart (a
 * Quarkus app takes 10 to 30 s on a busy machine) does not push the other targets' faults
 * back, and two processes may be down at once, as in a real outage.
 */
final class FaultInjector implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FaultInjector.class.getName());

    static final int STARTS = 5;

    /**
     * A fault as it happened: when the kill came (after the load began), how long the restart
     * took, how many starts it needed, and the error if it never came back.
     */
    record Injected(Fault fault, Duration killedAt, Duration restartTook, int starts, String error) {
    }

    private final LocalSystem system;
    private final List<ScheduledExecutorService> lanes = new ArrayList<>();
    private final List<Injected> injected = Collections.synchronizedList(new ArrayList<>());
    private Instant start;

    FaultInjector(LocalSystem system) {
        this.system = system;
    }

    /** Starts the schedule with offsets counted from {@code start}; the future completes after the last restart. */
    CompletableFuture<List<Injected>> run(List<Fault> schedule, Instant start) {
        this.start = start;
        Map<Target, List<Fault>> byTarget = new EnumMap<>(Target.class);
        schedule.forEach(fault -> byTarget.computeIfAbsent(fault.target(), t -> new ArrayList<>()).add(fault));
        List<CompletableFuture<Void>> done = new ArrayList<>();
        byTarget.forEach((target, faults) -> {
            ScheduledExecutorService lane = Executors.newSingleThreadScheduledExecutor(
                    runnable -> new Thread(runnable, "chaos-" + target.id()));
            lanes.add(lane);
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done.add(finished);
            next(lane, faults.iterator(), finished);
        });
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).thenApply(all -> {
            List<Injected> inOrder = new ArrayList<>(injected);
            inOrder.sort((a, b) -> a.fault().at().compareTo(b.fault().at()));
            return inOrder;
        });
    }

    private void next(ScheduledExecutorService lane, Iterator<Fault> faults, CompletableFuture<Void> finished) {
        if (!faults.hasNext()) {
            finished.complete(null);
            return;
        }
        Fault fault = faults.next();
        long delay = Math.max(0, Duration.between(Instant.now(), start.plus(fault.at())).toMillis());
        lane.schedule(() -> kill(lane, fault, faults, finished), delay, TimeUnit.MILLISECONDS);
    }

    private void kill(ScheduledExecutorService lane, Fault fault, Iterator<Fault> faults,
            CompletableFuture<Void> finished) {
        Duration killedAt = Duration.between(start, Instant.now());
        try {
            fault.target().kill(system);
            LOG.info("chaos: killed " + fault.target().id() + " at " + killedAt.toMillis() + " ms");
        } catch (Exception e) {
            injected.add(new Injected(fault, killedAt, Duration.ZERO, 0, "kill failed: " + e));
            next(lane, faults, finished);
            return;
        }
        lane.schedule(() -> restart(lane, fault, killedAt, faults, finished), fault.down().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void restart(ScheduledExecutorService lane, Fault fault, Duration killedAt, Iterator<Fault> faults,
            CompletableFuture<Void> finished) {
        Instant from = Instant.now();
        String error = null;
        int starts = 0;
        do {
            starts++;
            try {
                fault.target().restart(system);
                error = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "restart interrupted";
                break;
            } catch (Exception e) {
                error = "restart failed: " + e.getMessage();
                LOG.warning("chaos: " + fault.target().id() + " start " + starts + " failed: " + e.getMessage());
            }
        } while (error != null && starts < STARTS);
        Duration took = Duration.between(from, Instant.now());
        LOG.info("chaos: " + fault.target().id() + " back after " + took.toMillis() + " ms");
        injected.add(new Injected(fault, killedAt, took, starts, error));
        next(lane, faults, finished);
    }

    @Override
    public void close() {
        lanes.forEach(ScheduledExecutorService::shutdownNow);
    }
}
