package io.lrasaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.lrasaga.bench.Report.ConfigurationResult;
import io.lrasaga.launcher.Invariants;

/**
 * {@code ./run.sh bench}: runs the selected configurations one after the other, each on fresh
 * data directories and free ports, seeds the same data set, loads it at each concurrency after
 * a warm-up, checks DESIGN.md's invariants, prints Markdown tables, and ends with the RESULT
 * line. Exit code 1 when an invariant is broken, 2 on bad options.
 *
 * <p>System properties: {@code lra-saga.root} (project root, default: working directory),
 * {@code lra-saga.bench.dir} (data directories and a copy of the report, default
 * ROOT/.lra-saga-bench).
 */
public final class BenchMain {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);
    // Held strongly: JUL keeps loggers weakly, and a collected one forgets its level.
    private static final List<Logger> QUIET = List.of(Logger.getLogger("de.bwaldvogel"), Logger.getLogger("io.zonky"),
            Logger.getLogger("io.lrasaga.launcher"));

    private final BenchOptions options;
    private final Path root;
    private final Path benchDir;
    private final StringBuilder report = new StringBuilder();

    private BenchMain(BenchOptions options, Path root, Path benchDir) {
        this.options = options;
        this.root = root;
        this.benchDir = benchDir;
    }

    public static void main(String[] args) throws Exception {
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("lra-saga.root", ".")).toAbsolutePath().normalize();
        Path benchDir = Path.of(System.getProperty("lra-saga.bench.dir", root.resolve(".lra-saga-bench").toString()));
        BenchMain bench = new BenchMain(options, root, benchDir);
        boolean consistent = options.soak().isPresent() ? bench.soak(options.soak().get()) : bench.compare();
        System.exit(consistent ? 0 : 1);
    }

    private boolean compare() throws IOException, InterruptedException {
        header("benchmark");
        List<ConfigurationResult> results = new ArrayList<>();
        for (Configuration configuration : options.configs()) {
            results.add(runConfiguration(configuration));
        }
        int headline = Report.headlineConcurrency(options.concurrency());
        String result = Report.resultLine(results, headline);
        print("");
        if (headline != Report.HEADLINE_CONCURRENCY) {
            print("(RESULT at concurrency " + headline + ": " + Report.HEADLINE_CONCURRENCY + " was not run)");
        }
        boolean consistent = results.stream().allMatch(r -> r.violations().isEmpty());
        if (!consistent) {
            print("FAILED: an invariant was broken (see above)");
        }
        saveReport();
        print(result);
        return consistent;
    }

    private ConfigurationResult runConfiguration(Configuration configuration)
            throws IOException, InterruptedException {
        print("");
        print("## " + configuration.id());
        print("");
        Instant started = Instant.now();
        try (BenchSystem system = BenchSystem.start(configuration, root, benchDir.resolve(configuration.id()),
                options.jvmOptions())) {
            Seeded run = Seeded.seed(system);
            List<MeasuredProcess> processes = run.processes();
            LoadGenerator generator = run.generator();
            print(String.format(Locale.ROOT, "(started and seeded in %.0f s)", secondsSince(started)));
            ProcessSnapshot atStart = ProcessSnapshot.take(processes);
            List<LoadGenerator.Level> levels = new ArrayList<>();
            List<String> orderIds = new ArrayList<>();
            // The JVMs are cold after start: one unmeasured run at the highest concurrency first,
            // so the first level's own warm-up is not all class loading and connection set-up.
            Duration firstWarmup = options.jitWarmup().compareTo(options.warmup()) > 0 ? options.jitWarmup()
                    : options.warmup();
            orderIds.addAll(generator.run(options.highestConcurrency(), Duration.ZERO, firstWarmup, processes)
                    .orderIds());
            settleJit(generator, options.highestConcurrency(), processes, orderIds);
            StringBuilder profile = new StringBuilder();
            for (int concurrency : options.concurrency()) {
                LoadGenerator.Level level = profiled(system, concurrency, profile,
                        window -> generator.run(concurrency, options.warmup(), options.duration(), processes, window));
                levels.add(level);
                orderIds.addAll(level.orderIds());
                System.out.printf(Locale.ROOT, "  concurrency %d: %.1f sagas/s, %d failed%n", concurrency,
                        level.sagasPerSecond(), level.failures());
            }
            Optional<Report.OpenLoop> openLoop = openLoop(generator, levels, processes);
            openLoop.ifPresent(open -> orderIds.addAll(open.level().orderIds()));
            ProcessSnapshot atEnd = ProcessSnapshot.take(processes);
            List<String> violations = run.violations(orderIds);
            ConfigurationResult result = new ConfigurationResult(configuration, levels, openLoop, atStart, atEnd,
                    orderIds.size(), violations);
            print(Report.levelTable(result));
            if (!profile.isEmpty()) {
                print(profile.toString());
            }
            print(Report.openLoopTable(result));
            print(Report.memoryTable(result));
            print(Report.invariants(result));
            return result;
        }
    }

    /** The open-loop run at the chosen fraction of the highest rate the levels reached, if asked for. */
    private Optional<Report.OpenLoop> openLoop(LoadGenerator generator, List<LoadGenerator.Level> levels,
            List<MeasuredProcess> processes) throws InterruptedException {
        double max = levels.stream().mapToDouble(LoadGenerator.Level::sagasPerSecond).max().orElse(0);
        if (options.openLoop() == 0 || max == 0) {
            return Optional.empty();
        }
        double rate = options.openLoop() * max;
        LoadGenerator.RateRun run = generator.runAtRate(rate, options.warmup(), options.openLoopDuration(), processes);
        LoadGenerator.Level level = run.level();
        System.out.printf(Locale.ROOT, "  open loop at %.1f sagas/s: p99 %.1f ms, %d failed%n", rate,
                Report.ms(new Percentiles(level.latenciesNanos()).at(99)), level.failures());
        return Optional.of(new Report.OpenLoop(options.openLoop(), max, level, run.scheduledNanos()));
    }

    /** The soak: RSS of every process over time at the highest concurrency, then the invariants. */
    private boolean soak(Duration length) throws IOException, InterruptedException {
        header("soak");
        boolean consistent = true;
        int concurrency = options.highestConcurrency();
        Duration interval = Duration.ofSeconds(Math.max(10, length.toSeconds() / 20));
        for (Configuration configuration : options.configs()) {
            print("");
            print("## soak of " + configuration.id() + " at concurrency " + concurrency + " for " + length.toSeconds()
                    + " s, sampled every " + interval.toSeconds() + " s");
            print("");
            try (BenchSystem system = BenchSystem.start(configuration, root, benchDir.resolve(configuration.id()),
                    options.jvmOptions())) {
                Seeded run = Seeded.seed(system);
                List<MeasuredProcess> processes = run.processes();
                LoadGenerator generator = run.generator();
                List<String> orderIds = new ArrayList<>();
                ProcessSnapshot cold = ProcessSnapshot.take(processes);
                // As in the comparison: the JVMs compile the hot paths and the heaps and buffers
                // fill first; the soak then shows what still grows.
                LoadGenerator.Level warmUp = generator.run(concurrency, Duration.ZERO, options.jitWarmup(), processes);
                orderIds.addAll(warmUp.orderIds());
                settleJit(generator, concurrency, processes, orderIds);
                ProcessSnapshot warm = ProcessSnapshot.take(processes);
                Map<String, OptionalLong> liveAfterWarmUp = liveHeaps(processes);
                StringBuilder header = new StringBuilder("| elapsed s | sagas/s | p99 ms |");
                cold.memoryKb().keySet().forEach(p -> header.append(' ').append(p).append(" MB |"));
                print(header.toString());
                print("|---:|---:|---:|" + "---:|".repeat(cold.memoryKb().size()));
                print(soakRow("start", cold, Double.NaN, Double.NaN));
                print(soakRow("warm-up (" + options.jitWarmup().toSeconds() + " s)", warm, warmUp.sagasPerSecond(),
                        Report.ms(new Percentiles(warmUp.latenciesNanos()).at(99))));
                long start = System.nanoTime();
                ProcessSnapshot last = warm;
                while (System.nanoTime() - start < length.toNanos()) {
                    LoadGenerator.Level level = generator.run(concurrency, Duration.ZERO, interval, processes);
                    orderIds.addAll(level.orderIds());
                    last = level.after();
                    print(soakRow(String.format(Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e9), last,
                            level.sagasPerSecond(), Report.ms(new Percentiles(level.latenciesNanos()).at(99))));
                }
                print(growth("RSS growth since start, cold (MB):", cold, last));
                print(growth("RSS growth over the soak, after the warm-up (MB):", warm, last));
                print(liveGrowth(liveAfterWarmUp, liveHeaps(processes)));
                List<String> violations = run.violations(orderIds);
                print(Report.invariants(new ConfigurationResult(configuration, List.of(), Optional.empty(), cold, last,
                        orderIds.size(),
                        violations)));
                consistent &= violations.isEmpty();
            }
        }
        saveReport();
        return consistent;
    }

    /** With {@code --jit-settle}: more warm-up until the JIT is quiet, and a line in the report on how that went. */
    private void settleJit(LoadGenerator generator, int concurrency, List<MeasuredProcess> processes,
            List<String> orderIds) throws InterruptedException {
        if (options.jitSettle() > 0) {
            JitSettle.Outcome outcome = JitSettle.run(generator, concurrency, processes, options.jitSettle(),
                    options.jitSettleMax(), JitSettle.STEP, orderIds::addAll, System.out::println);
            print("(" + outcome.describe() + ")");
            print("");
        }
    }

    /** The JVMs' heaps after a full collection each, by process. */
    private static Map<String, OptionalLong> liveHeaps(List<MeasuredProcess> processes) {
        Map<String, OptionalLong> live = new LinkedHashMap<>();
        for (MeasuredProcess process : processes) {
            OptionalLong kb = process.liveHeapKb();
            if (kb.isPresent()) {
                live.put(process.name(), kb);
            }
        }
        return live;
    }

    static String liveGrowth(Map<String, OptionalLong> before, Map<String, OptionalLong> after) {
        StringBuilder line = new StringBuilder(
                "Live heap after a full collection, after the warm-up -> at the end (MB; what a leak grows):");
        before.forEach((process, kb) -> {
            OptionalLong end = after.getOrDefault(process, OptionalLong.empty());
            if (kb.isPresent() && end.isPresent()) {
                double from = kb.getAsLong() / 1024.0;
                double to = end.getAsLong() / 1024.0;
                line.append(String.format(Locale.ROOT, " %s %.1f -> %.1f (%+.1f, %+.0f %%)", process, from, to, to - from,
                        from == 0 ? 0 : 100 * (to - from) / from));
            }
        });
        return line.toString();
    }

    private static String soakRow(String elapsed, ProcessSnapshot snapshot, double sagasPerSecond, double p99Ms) {
        StringBuilder row = new StringBuilder(Double.isNaN(sagasPerSecond)
                ? "| " + elapsed + " | | |"
                : String.format(Locale.ROOT, "| %s | %.1f | %.1f |", elapsed, sagasPerSecond, p99Ms));
        snapshot.memoryKb().values().forEach(kb -> row.append(String.format(Locale.ROOT, " %.0f |", kb / 1024.0)));
        return row.toString();
    }

    private interface LevelRun {
        LoadGenerator.Level run(LoadGenerator.Window window) throws InterruptedException;
    }

    /**
     * The level; if asked for and it is the highest, with async-profiler in every app JVM and
     * the MongoDB wire server's over its measured window (not its warm-up), and each one's CPU
     * per saga by activity appended to {@code breakdown}.
     */
    private LoadGenerator.Level profiled(BenchSystem system, int concurrency, StringBuilder breakdown, LevelRun level)
            throws IOException, InterruptedException {
        if (!options.profile() || concurrency != options.highestConcurrency()) {
            return level.run(LoadGenerator.Window.NONE);
        }
        AsyncProfiler profiler = AsyncProfiler.extractTo(benchDir.resolve("async-profiler"));
        Path dir = benchDir.resolve(system.configuration().id()).resolve("profile");
        Files.createDirectories(dir);
        Map<String, Long> jvms = system.profiledJvms();
        profiler.load(jvms); // before the level's warm-up: only the start is left in the window
        String label = "c" + concurrency;
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        long[] startNanos = new long[1];
        LoadGenerator.Level result = level.run(new LoadGenerator.Window() {
            @Override
            public void opened() {
                long start = System.nanoTime();
                failed.putAll(profiler.start(jvms));
                startNanos[0] = System.nanoTime() - start;
            }

            @Override
            public void closed() {
                files.putAll(profiler.stop(dir, label, failed));
            }
        });
        print(String.format(Locale.ROOT,
                "(async-profiler in the measured window of concurrency %d, started in %.0f ms: %s)", concurrency,
                startNanos[0] / 1e6, dir));
        failed.forEach((jvm, why) -> print("(no profile of " + jvm + ": " + why + ")"));
        Map<String, Double> cpu = result.after().cpuMillisSince(result.before());
        breakdown.append(String.format(Locale.ROOT, "### CPU per saga by activity at concurrency %d (async-profiler, "
                + "itimer every %s, measured window)%n%n", concurrency, AsyncProfiler.INTERVAL));
        for (Map.Entry<String, Path> file : files.entrySet()) {
            ProfileBreakdown process = ProfileBreakdown.of(file.getKey(), Files.readAllLines(file.getValue()),
                    cpu.getOrDefault(file.getKey(), 0.0), result.sagas());
            breakdown.append(process.table(AsyncProfiler.INTERVAL_MILLIS)).append('\n');
        }
        breakdown.append("Each stack goes to the first activity one of whose frames it contains (ProfileBreakdown's "
                + "rules; 'other': none); CPU ms per saga = the process's from /proc in the same window (above) "
                + "times the activity's share of its samples. Stacks: " + dir + "/<process>-" + label
                + ".collapsed (flame-graph input).\n");
        return result;
    }

    private static String growth(String title, ProcessSnapshot from, ProcessSnapshot to) {
        StringBuilder growth = new StringBuilder(title);
        to.memoryKb().forEach((process, kb) -> {
            long before = from.memoryKb().getOrDefault(process, 0L);
            growth.append(String.format(Locale.ROOT, " %s %+.0f", process, (kb - before) / 1024.0));
            if (before > 0) {
                growth.append(String.format(Locale.ROOT, " (%+.0f %%)", 100.0 * (kb - before) / before));
            }
        });
        return growth.toString();
    }

    /** A started configuration with the data set seeded, and what checking it afterwards needs. */
    private record Seeded(LoadGenerator generator, List<MeasuredProcess> processes, Invariants invariants,
            Invariants.Snapshot initial, boolean coordinated) {

        static Seeded seed(BenchSystem system) throws IOException {
            DataSet data = new DataSet();
            data.seed(system);
            Invariants invariants = new Invariants(system.localSystem());
            return new Seeded(new LoadGenerator(system, data), system.measured(), invariants,
                    invariants.snapshot(data.skus(), data.customers()), system.configuration().coordinated());
        }

        List<String> violations(Collection<String> orderIds) throws InterruptedException {
            return check(invariants, initial, orderIds, coordinated);
        }
    }

    /**
     * DESIGN.md's invariants once every saga has ended: orders still PENDING or LRAs still open
     * right after the load are given time to finish (callbacks in flight), then checked for good.
     */
    private static List<String> check(Invariants invariants, Invariants.Snapshot initial, Collection<String> orderIds,
            boolean coordinated) throws InterruptedException {
        List<String> violations = invariants.violations(initial, orderIds, coordinated);
        if (violations.isEmpty()) {
            return violations;
        }
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        List<String> pending = invariants.pending(orderIds);
        while (System.nanoTime() < deadline
                && (!pending.isEmpty() || (coordinated && !invariants.unfinishedLras().isEmpty()))) {
            Thread.sleep(500); // polling with a deadline
            pending = invariants.pending(pending);
        }
        return invariants.violations(initial, orderIds, coordinated);
    }

    private void header(String what) throws IOException {
        print("# lra-saga " + what + ", " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS)));
        print("");
        print("command: ./run.sh bench " + describe(options));
        print("machine: " + Machine.describe());
        print("PostgreSQL fsync, synchronous_commit and full_page_writes on for every configuration; "
                + "app JVMs: -Xmx256m " + options.jvmOptions());
    }

    private static String describe(BenchOptions options) {
        if (options.soak().isPresent()) {
            return "--soak " + options.soak().get().toSeconds() + "s --concurrency " + options.highestConcurrency()
                    + " --configs " + String.join(",", options.configs().stream().map(Configuration::id).toList())
                    + " --jit-warmup " + options.jitWarmup().toSeconds() + "s" + settleOptions(options);
        }
        StringBuilder out = new StringBuilder();
        out.append("--duration ").append(options.duration().toMillis() / 1000.0).append("s --warmup ")
                .append(options.warmup().toMillis() / 1000.0).append("s --concurrency ")
                .append(String.join(",", options.concurrency().stream().map(String::valueOf).toList()))
                .append(" --configs ")
                .append(String.join(",", options.configs().stream().map(Configuration::id).toList()));
        if (options.profile()) {
            out.append(" --profile");
        }
        out.append(" --jit-warmup ").append(options.jitWarmup().toMillis() / 1000.0).append('s')
                .append(settleOptions(options));
        if (!options.jvmOptions().equals(BenchOptions.DEFAULT_JVM_OPTIONS)) {
            out.append(" --jvm-options '").append(options.jvmOptions()).append('\'');
        }
        return out.toString().replace(".0s", "s");
    }

    private static String settleOptions(BenchOptions options) {
        return options.jitSettle() == 0 ? ""
                : String.format(Locale.ROOT, " --jit-settle %.1f%% --jit-settle-max %ds", 100 * options.jitSettle(),
                        options.jitSettleMax().toSeconds()).replace(".0%", "%");
    }

    private void print(String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }

    private void saveReport() throws IOException {
        Files.createDirectories(benchDir);
        Path file = benchDir.resolve("report-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(Instant.now()) + ".md");
        Files.writeString(file, report);
        System.out.println("(report saved in " + file + ")");
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
