package io.lrasaga.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lrasaga.launcher.LauncherMain;

/**
 * {@code ./run.sh chaos [--seed N | --seeds a,b,c] [--duration 5m] [--rate 5] [--clients 16] [--settle 3m]}:
 * starts the system, runs each seed, prints a report per seed; exit code 1 if any invariant
 * broke. Data and logs of the run stay in {@code .lra-saga-chaos/<time>/} (system property
 * {@code lra-saga.root}: the project root).
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    private static final String USAGE = "usage: ./run.sh chaos [--seed N | --seeds a,b,c] [--duration 5m] [--rate 5] "
            + "[--clients 16] [--settle 3m]\n  defaults: a random seed, 5m of load at 5 orders/s from 16 clients, "
            + "3m to settle; docs/reliability.md";

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        LauncherMain.quietLogging();
        ChaosSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("lra-saga.root", ".")).toAbsolutePath().normalize();
        Path data = root.resolve(".lra-saga-chaos")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(data);
        System.out.println("chaos: seeds " + settings.seeds() + ", " + settings.load().toSeconds() + " s each at "
                + settings.rate() + " orders/s; data and logs in " + data);
        List<ChaosReport> reports = ChaosSystem.run(root, data, settings);
        reports.forEach(report -> report.print(System.out));
        boolean passed = reports.stream().allMatch(ChaosReport::passed);
        System.out.println(passed ? "chaos PASSED" : "chaos FAILED (replay a seed with --seed N)");
        System.exit(passed ? 0 : 1);
    }

    static ChaosSettings parse(String[] args) {
        List<Long> seeds = new ArrayList<>();
        Duration load = Duration.ofMinutes(5);
        double rate = 5;
        int clients = 16;
        Duration settle = Duration.ofMinutes(3);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--seed" -> seeds.add(Long.parseLong(value));
                case "--seeds" -> {
                    for (String seed : value.split(",")) {
                        seeds.add(Long.parseLong(seed.trim()));
                    }
                }
                case "--duration" -> load = duration(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--settle" -> settle = duration(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (seeds.isEmpty()) {
            seeds.add(System.currentTimeMillis() % 100_000);
        }
        return new ChaosSettings(seeds, load, rate, clients, settle);
    }

    /** {@code 90s}, {@code 5m}, {@code 1h} or an ISO-8601 duration ({@code PT5M}). */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("pt")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("a duration is like 90s, 5m or PT5M: " + text);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a duration is like 90s, 5m or PT5M: " + text, e);
        }
    }
}
