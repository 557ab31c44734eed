package io.lrasaga.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.lrasaga.bench.LoadGenerator.Level;

/** Markdown tables of a configuration's levels, and the final comparison line. */
public final class Report {

    /** RESULT's figures are taken at this concurrency, or the highest one run if it was not. */
    public static final int HEADLINE_CONCURRENCY = 32;

    /** What one configuration produced. */
    public record ConfigurationResult(Configuration configuration, List<Level> levels, Optional<OpenLoop> openLoop,
            ProcessSnapshot atStart, ProcessSnapshot atEnd, int ordersChecked, List<String> violations) {

        public Optional<Level> level(int concurrency) {
            return levels.stream().filter(l -> l.concurrency() == concurrency).findFirst();
        }
    }

    /**
     * The open-loop run: at {@code fraction} of {@code maxRate}, the highest closed-loop rate
     * measured; {@code scheduledNanos} as in {@link LoadGenerator.RateRun}.
     */
    public record OpenLoop(double fraction, double maxRate, Level level, long[] scheduledNanos) {

        /** The slices the p99 is shown by, so that one burst is seen as one, not averaged away. */
        public static final Duration SLICE = Duration.ofSeconds(10);

        public double offeredRate() {
            return fraction * maxRate;
        }

        /** The p99 of the orders scheduled in each {@link #SLICE} of the window, in ms, oldest first. */
        public List<Double> p99BySlice() {
            long slice = SLICE.toNanos();
            long[] latencies = level.latenciesNanos();
            Map<Long, List<Long>> bySlice = new TreeMap<>();
            for (int i = 0; i < latencies.length; i++) {
                bySlice.computeIfAbsent(scheduledNanos[i] / slice, index -> new ArrayList<>()).add(latencies[i]);
            }
            return bySlice.values().stream()
                    .map(samples -> ms(new Percentiles(samples.stream().mapToLong(Long::longValue).toArray()).at(99)))
                    .toList();
        }
    }

    private Report() {
    }

    /** The open-loop run's latency, or nothing when there was none. */
    public static String openLoopTable(ConfigurationResult result) {
        if (result.openLoop().isEmpty()) {
            return "";
        }
        OpenLoop open = result.openLoop().get();
        Level level = open.level();
        Percentiles latency = new Percentiles(level.latenciesNanos());
        return String.format(Locale.ROOT, """
                | open loop | offered sagas/s | answered sagas/s | sagas | failed | p50 ms | p95 ms | p99 ms |
                |---|---:|---:|---:|---:|---:|---:|---:|
                | %.2f of %.1f | %.1f | %.1f | %d | %s | %.1f | %.1f | %.1f |

                p99 ms by %d s of scheduled sends: %s

                Open loop: orders sent on a fixed schedule at %.2f times the highest rate measured above, whatever the
                answers; each latency runs from the order's scheduled send, so a slow answer counts against every
                order it delays.
                """, open.fraction(), open.maxRate(), open.offeredRate(), level.sagasPerSecond(), level.sagas(),
                failures(level), ms(latency.at(50)), ms(latency.at(95)), ms(latency.at(99)),
                OpenLoop.SLICE.toSeconds(), open.p99BySlice().stream().map(p -> String.format(Locale.ROOT, "%.1f", p))
                        .collect(Collectors.joining(", ")), open.fraction());
    }

    /** One row per level: throughput, latency percentiles, CPU per saga of every process. */
    public static String levelTable(ConfigurationResult result) {
        Set<String> processes = new LinkedHashSet<>();
        result.levels().forEach(level -> processes.addAll(level.after().cpu().keySet()));
        StringBuilder out = new StringBuilder();
        out.append("| conc | sagas/s | sagas | failed | p50 ms | p95 ms | p99 ms |");
        processes.forEach(p -> out.append(' ').append(p).append(" |"));
        out.append(" CPU total | of it JIT |\n|---:|---:|---:|---:|---:|---:|---:|");
        processes.forEach(p -> out.append("---:|"));
        out.append("---:|---:|\n");
        for (Level level : result.levels()) {
            Percentiles latency = new Percentiles(level.latenciesNanos());
            out.append(String.format(Locale.ROOT, "| %d | %.1f | %d | %s | %.1f | %.1f | %.1f |", level.concurrency(),
                    level.sagasPerSecond(), level.sagas(), failures(level), ms(latency.at(50)), ms(latency.at(95)),
                    ms(latency.at(99))));
            Map<String, Double> cpu = level.after().cpuMillisSince(level.before());
            double total = 0;
            for (String process : processes) {
                double perSaga = perSaga(cpu.getOrDefault(process, 0.0), level.sagas());
                total += perSaga;
                out.append(String.format(Locale.ROOT, " %.2f |", perSaga));
            }
            out.append(String.format(Locale.ROOT, " %.2f | %.2f |%n", total,
                    perSaga(level.after().jitMillisSince(level.before()), level.sagas())));
        }
        out.append("\nCPU columns: CPU milliseconds per saga of each process in the measured window (/proc utime+stime;"
                + " postgresql: postmaster and backends; mongodb: the MongoDB wire server's JVM; bench-jvm: the load generator);"
                + " 'of it JIT': the part spent by the JVMs' JIT compiler threads, which a longer --jit-warmup lowers.\n");
        return out.toString();
    }

    /** Memory of every process when the system was ready and seeded, and after the last level. */
    public static String memoryTable(ConfigurationResult result) {
        StringBuilder out = new StringBuilder("| process | RSS at start MB | RSS at end MB |\n|---|---:|---:|\n");
        result.atEnd().memoryKb().forEach((process, endKb) -> out.append(String.format(Locale.ROOT,
                "| %s | %.0f | %.0f |%n", process, result.atStart().memoryKb().getOrDefault(process, 0L) / 1024.0,
                endKb / 1024.0)));
        out.append("\n(postgresql: the sum of PSS over its processes, so shared buffers count once.)\n");
        return out.toString();
    }

    public static String invariants(ConfigurationResult result) {
        if (result.violations().isEmpty()) {
            return "invariants: OK (" + result.ordersChecked() + " orders checked)\n";
        }
        List<String> shown = result.violations().size() > 20 ? result.violations().subList(0, 20) : result.violations();
        return "invariants: BROKEN, " + result.violations().size() + " violation(s):\n  - " + String.join("\n  - ", shown)
                + "\n";
    }

    /**
     * {@code RESULT sagas_per_s=<lra-saga at 32> p99_ms=<…> vs_stock=<ratio> vs_floor=<ratio>};
     * {@code n/a} where a configuration did not run.
     */
    public static String resultLine(List<ConfigurationResult> results, int concurrency) {
        Optional<Level> ours = level(results, Configuration.LRA_SAGA, concurrency);
        Optional<Level> stock = level(results, Configuration.STOCK, concurrency);
        Optional<Level> floor = level(results, Configuration.FLOOR, concurrency);
        return String.format(Locale.ROOT, "RESULT sagas_per_s=%s p99_ms=%s vs_stock=%s vs_floor=%s",
                ours.map(l -> String.format(Locale.ROOT, "%.1f", l.sagasPerSecond())).orElse("n/a"),
                ours.map(l -> String.format(Locale.ROOT, "%.1f", ms(new Percentiles(l.latenciesNanos()).at(99))))
                        .orElse("n/a"),
                ratio(ours, stock), ratio(ours, floor));
    }

    /** {@link #HEADLINE_CONCURRENCY} if it was run, else the highest concurrency run. */
    public static int headlineConcurrency(List<Integer> concurrency) {
        return concurrency.contains(HEADLINE_CONCURRENCY) ? HEADLINE_CONCURRENCY
                : concurrency.stream().max(Integer::compare).orElse(HEADLINE_CONCURRENCY);
    }

    private static Optional<Level> level(List<ConfigurationResult> results, Configuration configuration,
            int concurrency) {
        return results.stream().filter(r -> r.configuration() == configuration).findFirst()
                .flatMap(r -> r.level(concurrency));
    }

    private static String ratio(Optional<Level> ours, Optional<Level> other) {
        if (ours.isEmpty() || other.isEmpty() || other.get().sagasPerSecond() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", ours.get().sagasPerSecond() / other.get().sagasPerSecond());
    }

    static double perSaga(double cpuMillis, int sagas) {
        return sagas == 0 ? 0 : cpuMillis / sagas;
    }

    private static String failures(Level level) {
        if (level.failures() == 0) {
            return "0";
        }
        List<String> parts = new ArrayList<>();
        level.failuresByStatus().forEach((status, count) -> parts.add((status == 0 ? "io" : status) + "×" + count));
        return level.failures() + " (" + String.join(", ", parts) + ")";
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
