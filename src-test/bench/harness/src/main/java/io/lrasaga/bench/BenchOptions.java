package io.lrasaga.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Options of {@code ./run.sh bench}. The defaults keep a full run of the three configurations
 * (three start-ups, three concurrency levels each) within about ten minutes on two cores.
 *
 * @param duration    measured time per concurrency level, after the warm-up
 * @param warmup      unmeasured load before each level (JIT, pools, caches)
 * @param concurrency closed-loop clients (= HTTP connections) per level
 * @param configs     which configurations to run, in this order
 * @param soak        when present: the soak mode, one long run at the highest concurrency
 * @param profile     async-profiler in every app JVM and the MongoDB wire server's over the
 *                    highest concurrency level's measured window, and their CPU per saga by activity
 * @param jvmOptions  options of every app JVM besides -Xmx (same for all configurations)
 * @param jitWarmup   the first unmeasured run at the highest concurrency, after start-up: long
 *                    enough for the JIT to compile the hot paths of every app
 * @param openLoop    after the levels, an open-loop run at this fraction of the highest rate
 *                    measured (0: none)
 * @param openLoopDuration the open-loop run's measured time, after the warm-up
 * @param jitSettle   when above 0: after {@code jitWarmup}, more unmeasured load until the JIT
 *                    compiler threads used at most this fraction of all the run's CPU over one
 *                    step ({@link JitSettle}), or until {@code jitSettleMax}
 * @param jitSettleMax the most the settling adds to {@code jitWarmup}
 */
public record BenchOptions(Duration duration, Duration warmup, List<Integer> concurrency, List<Configuration> configs,
        Optional<Duration> soak, boolean profile, String jvmOptions, Duration jitWarmup, double openLoop,
        Duration openLoopDuration, double jitSettle, Duration jitSettleMax) {

    /**
     * Full JIT (C1 then C2), unlike the launcher's fast-start default: a benchmark measures the
     * steady state. Serial GC: small heaps on two cores shared by seven processes. Compiler
     * threads that stay alive: the report counts their CPU apart. The heap fixed and touched at
     * start, as in production: otherwise RSS grows for as long as the old generation fills with
     * garbage before its first full collection (tens of minutes), and the soak could not tell
     * that from a leak; the soak measures the live heap itself.
     */
    public static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -Xss512k -XX:-UseDynamicNumberOfCompilerThreads"
            + " -Xms256m -XX:+AlwaysPreTouch";

    public static final String USAGE = """
            usage: ./run.sh bench [--duration 20s] [--warmup 5s] [--concurrency 1,8,32]
                                  [--configs floor,stock,lra-saga] [--soak 10m] [--profile]
                                  [--jit-warmup 60s] [--jvm-options '...'] [--open-loop 0.5]
                                  [--open-loop-duration 60s] [--jit-settle 3%] [--jit-settle-max 15m]
              --duration     measured time per concurrency level (default 20s)
              --warmup       unmeasured load before each level (default 5s)
              --concurrency  closed-loop clients, one HTTP connection each (default 1,8,32)
              --configs      floor (no saga), stock (quarkus-narayana-lra, hand-written
                             compensation, stock coordinator), lra-saga (every feature on)
              --soak D       instead: run each configuration (default lra-saga only) for D at the
                             highest concurrency, after --jit-warmup, and report RSS over time
                             and each JVM's live heap (after a full collection) before and after
              --profile      async-profiler (attached, itimer every 5 ms) in every app JVM and
                             the MongoDB wire server's over the highest concurrency level's
                             measured window: each process's CPU per saga by activity, and its
                             stacks in .lra-saga-bench/<config>/profile/<process>-c<conc>.collapsed
              --jit-warmup   unmeasured load at the highest concurrency after start-up, before
                             the first level or the soak (default 60s; at least --warmup; the
                             reference run uses 5m with --jit-settle 3%)
              --jit-settle P after --jit-warmup, go on warming up in 15 s steps until the JIT
                             compiler threads used at most P % of all CPU in a step (default
                             off; the reference run uses 3%), at most --jit-settle-max (15m)
              --open-loop F  after the levels, orders on a fixed schedule at F times the highest
                             rate measured (default 0.5, the latency target's point; 0: none),
                             for --warmup then --open-loop-duration; latency from each
                             scheduled send, its p99 also by 10 s of sends
              --open-loop-duration  measured time of the open loop (default 60s)
              --jvm-options  options of every app JVM besides -Xmx256m (default
                             '-XX:+UseSerialGC -Xss512k -XX:-UseDynamicNumberOfCompilerThreads
                             -Xms256m -XX:+AlwaysPreTouch': full JIT, heap resident from start)
            durations: 500ms, 30s, 10m, 1h""";

    public BenchOptions {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1 || c > 1024)) {
            throw new IllegalArgumentException("--concurrency takes numbers from 1 to 1024, e.g. 1,8,32");
        }
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("--configs names at least one of floor, stock, lra-saga");
        }
        soak.ifPresent(d -> {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("--soak must be positive");
            }
        });
        if (jitWarmup.isNegative()) {
            throw new IllegalArgumentException("--jit-warmup must not be negative");
        }
        if (openLoopDuration.isZero() || openLoopDuration.isNegative()) {
            throw new IllegalArgumentException("--open-loop-duration must be positive");
        }
        if (!(jitSettle >= 0 && jitSettle < 1)) {
            throw new IllegalArgumentException("--jit-settle takes a share of the CPU from 0 (off) to below 100 %, e.g. 3%");
        }
        if (jitSettleMax.isNegative()) {
            throw new IllegalArgumentException("--jit-settle-max must not be negative");
        }
        if (!(openLoop >= 0 && openLoop <= 1)) {
            throw new IllegalArgumentException("--open-loop takes a fraction from 0 (none) to 1, e.g. 0.5");
        }
        concurrency = List.copyOf(concurrency);
        configs = List.copyOf(configs);
    }

    public static BenchOptions parse(String... args) {
        Duration duration = Duration.ofSeconds(20);
        Duration warmup = Duration.ofSeconds(5);
        List<Integer> concurrency = List.of(1, 8, 32);
        List<Configuration> configs = null;
        Optional<Duration> soak = Optional.empty();
        boolean profile = false;
        String jvmOptions = DEFAULT_JVM_OPTIONS;
        Duration jitWarmup = Duration.ofSeconds(60);
        double openLoop = 0.5;
        Duration openLoopDuration = Duration.ofSeconds(60);
        double jitSettle = 0;
        Duration jitSettleMax = Duration.ofMinutes(15);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--profile")) {
                profile = true;
                continue;
            }
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--duration" -> duration = duration(value);
                case "--warmup" -> warmup = duration(value);
                case "--concurrency" -> concurrency = Arrays.stream(value.split(",")).map(String::trim)
                        .map(BenchOptions::number).toList();
                case "--configs" -> configs = Arrays.stream(value.split(",")).map(String::trim)
                        .map(Configuration::byId).toList();
                case "--soak" -> soak = Optional.of(duration(value));
                case "--jvm-options" -> jvmOptions = value;
                case "--jit-warmup" -> jitWarmup = duration(value);
                case "--open-loop" -> openLoop = fraction(value);
                case "--open-loop-duration" -> openLoopDuration = duration(value);
                case "--jit-settle" -> jitSettle = percent(value);
                case "--jit-settle-max" -> jitSettleMax = duration(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (configs == null) {
            configs = soak.isPresent() ? List.of(Configuration.LRA_SAGA) : List.of(Configuration.values());
        }
        return new BenchOptions(duration, warmup, concurrency, configs, soak, profile, jvmOptions, jitWarmup, openLoop,
                openLoopDuration, jitSettle, jitSettleMax);
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}. */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 500ms, 30s, 10m, 1h)");
        }
    }

    private static double fraction(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a fraction: '" + text + "' (e.g. 0.5)");
        }
    }

    /** {@code 3%} or {@code 3}: a share of 100, as a fraction. */
    private static double percent(String text) {
        String t = text.trim();
        try {
            return Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1) : t) / 100;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a percentage: '" + text + "' (e.g. 3%)");
        }
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "'");
        }
    }

    public int highestConcurrency() {
        return new ArrayList<>(concurrency).stream().max(Integer::compare).orElseThrow();
    }
}
