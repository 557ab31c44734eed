package io.lrasaga.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.LocalSystem;
import io.lrasaga.launcher.LocalSystemConfig;

/**
 * Starts the system for chaos and runs the seeds over it: the MongoDB wire server in a process
 * of its own (so it can be killed), PostgreSQL with synchronous commit (a killed server must
 * keep what it acknowledged, as a real one does), free ports, a fresh data directory, a
 * recovery pass every 2 s, and idempotency keys abandoned after 40 s (longer than the orders'
 * 30 s time limit, as docs/participants.md requires; the default 2 min would only stretch the
 * time to settle).
 */
public final class ChaosSystem {

    private ChaosSystem() {
    }

    public static LocalSystem create(Path projectRoot, Path dataDir) {
        LocalSystem system = new LocalSystem(LocalSystemConfig.defaults(projectRoot).withDataDir(dataDir)
                .withPorts(FreePort.findRange(5), FreePort.find(), FreePort.find())
                .withDurable(true))
                .withMongoProcess();
        system.configure(App.COORDINATOR, "lra-saga.coordinator.recovery-period", "2s");
        system.configure(App.ORDERS, "lra-saga.idempotency.abandon-after", "40s");
        return system;
    }

    /** Starts a system in {@code dataDir}, runs every seed of {@code settings} on it, stops it. */
    public static List<ChaosReport> run(Path projectRoot, Path dataDir, ChaosSettings settings)
            throws IOException, InterruptedException {
        List<ChaosReport> reports = new ArrayList<>();
        try (LocalSystem system = create(projectRoot, dataDir).start()) {
            for (long seed : settings.seeds()) {
                reports.add(new ChaosRun(system, settings, seed).run());
            }
        }
        return reports;
    }
}
