package io.lrasaga.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * More warm-up after {@code --jit-warmup}, in steps at the highest concurrency, until the JIT
 * compiler threads use at most a given share of all the CPU the run uses. Five JVMs share two
 * cores here, and on a slow machine their C2 threads still took a quarter of the CPU after a
 * 3-minute warm-up (lra-saga at 32, 2026-12-08): a fixed warm-up then measures compilation as
 * much as the apps, and compilation bursts decide the open loop's p99. The share is measured,
 * not assumed, and the report says how long settling took and where it ended.
 */
final class JitSettle {

    static final Duration STEP = Duration.ofSeconds(15);

    /** How settling went: the warm-up it added, the JIT's share in its last step, and whether that met the limit. */
    record Outcome(Duration added, double lastShare, boolean settled, double limit, Duration step) {

        String describe() {
            return String.format(Locale.ROOT, "JIT settling: %d s more warm-up; the JIT used %.1f %% of the CPU in the"
                    + " last %d s (limit %.1f %%%s)", added.toSeconds(), 100 * lastShare, step.toSeconds(),
                    100 * limit, settled ? "" : ", not reached within --jit-settle-max");
        }
    }

    private JitSettle() {
    }

    /** The JIT compiler threads' share of all the measured processes' CPU between two snapshots. */
    static double share(ProcessSnapshot before, ProcessSnapshot after) {
        double cpu = after.cpuMillisSince(before).values().stream().mapToDouble(Double::doubleValue).sum();
        return cpu <= 0 ? 0 : after.jitMillisSince(before) / cpu;
    }

    /**
     * Loads at {@code concurrency} in {@code step}s ({@link #STEP} in a run) until one step's JIT share is at most
     * {@code limit}, or {@code max} has passed (at least one step); each step's orders go to
     * {@code orderIds}, so the invariants cover them, and a line about it to {@code progress}.
     */
    static Outcome run(LoadGenerator generator, int concurrency, List<MeasuredProcess> processes, double limit,
            Duration max, Duration step, Consumer<List<String>> orderIds, Consumer<String> progress)
            throws InterruptedException {
        long start = System.nanoTime();
        double share;
        do {
            LoadGenerator.Level load = generator.run(concurrency, Duration.ZERO, step, processes);
            orderIds.accept(load.orderIds());
            share = share(load.before(), load.after());
            progress.accept(String.format(Locale.ROOT, "  JIT settling: %.1f %% of the CPU in %d s at %.1f sagas/s",
                    100 * share, step.toSeconds(), load.sagasPerSecond()));
        } while (share > limit && System.nanoTime() - start < max.toNanos());
        return new Outcome(Duration.ofNanos(System.nanoTime() - start).withNanos(0), share, share <= limit, limit, step);
    }
}
