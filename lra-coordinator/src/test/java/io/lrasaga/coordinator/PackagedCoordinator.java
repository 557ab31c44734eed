package io.lrasaga.coordinator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.lrasaga.launcher.AppProcess;

/**
 * The packaged coordinator ({@code target/quarkus-app}) as a process of its own, its store in
 * {@code <dataDir>/store}, its log in {@code target/<logName>-<port>.log}: for the tests that
 * kill it and start it again on the same data.
 */
final class PackagedCoordinator {

    private PackagedCoordinator() {
    }

    /** Started and ready; {@code settings} are further configuration keys of the coordinator. */
    static AppProcess start(String logName, Path dataDir, int port, Map<String, String> settings)
            throws IOException, InterruptedException {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put("lra-saga.coordinator.data-dir", dataDir.resolve("store").toString());
        AppProcess process = new AppProcess("coordinator", Path.of("target/quarkus-app/quarkus-run.jar"),
                Files.createDirectories(dataDir.resolve("work")),
                Path.of("target/" + logName + "-" + port + ".log").toAbsolutePath(), port, properties, "256m");
        process.start();
        process.awaitReady(Duration.ofSeconds(90));
        return process;
    }
}
