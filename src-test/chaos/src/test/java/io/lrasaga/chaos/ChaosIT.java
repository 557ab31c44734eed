package io.lrasaga.chaos;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The short chaos profile of {@code ./mvnw verify}: a few seeds whose schedules together kill
 * every kind of process (coordinator, the four services, PostgreSQL, the MongoDB wire server)
 * while orders are placed; each seed must keep every invariant exactly. The long profile is
 * {@code ./run.sh chaos} (docs/reliability.md).
 */
class ChaosIT {

    static final List<Long> SEEDS = List.of(10L, 29L);
    static final Duration LOAD = Duration.ofSeconds(40);

    @Test
    void ordersUnderKillMinusNineKeepEveryInvariant() throws Exception {
        Path root = Path.of(System.getProperty("lra-saga.root", "../.."));
        Files.createDirectories(Path.of("target"));
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chaos-");
        List<ChaosReport> reports = ChaosSystem.run(root, data,
                new ChaosSettings(SEEDS, LOAD, 3, 12, Duration.ofMinutes(2)));
        reports.forEach(report -> report.print(System.out));
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (ChaosReport report : reports) {
            checks.add(() -> assertTrue(report.passed(), "seed " + report.seed() + ": " + report.violations()));
            checks.add(() -> assertTrue(report.settle() != null, "seed " + report.seed() + " did not settle"));
            checks.add(() -> assertTrue(report.answers().keySet().stream().anyMatch(a -> a.endsWith("CONFIRMED"))
                    && report.answers().keySet().stream().anyMatch(a -> a.endsWith("CANCELLED")),
                    "seed " + report.seed() + " should confirm most orders and refuse some: " + report.answers()));
            for (FaultInjector.Injected fault : report.faults()) {
                checks.add(() -> assertNull(fault.error(), "seed " + report.seed() + ": " + fault));
            }
        }
        assertAll(checks);
    }
}
