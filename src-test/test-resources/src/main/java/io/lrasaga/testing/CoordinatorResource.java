package io.lrasaga.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.AppProcess;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.LocalSystemConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real lra-saga coordinator, started from its packaged jar as a separate process on a
 * free port, with its store in a temporary directory and its log in the module's target
 * directory (kept for diagnosis); the service under test points at it.
 * The project root comes from the {@code lra-saga.root} system property the build sets.
 */
public class CoordinatorResource implements QuarkusTestResourceLifecycleManager {

    private AppProcess coordinator;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("lra-saga-coordinator-");
            Path root = Path.of(System.getProperty("lra-saga.root", "../.."));
            int port = FreePort.find();
            coordinator = new AppProcess("coordinator", LocalSystemConfig.defaults(root).jar(App.COORDINATOR),
                    dir, Path.of("target", "coordinator-" + port + ".log").toAbsolutePath(), port,
                    Map.of("lra-saga.coordinator.data-dir", dir.resolve("store").toString(),
                            "lra-saga.coordinator.admin.operator-password", Coordinator.TEST_OPERATOR_PASSWORD),
                    "256m");
            coordinator.start();
            coordinator.awaitReady(Duration.ofSeconds(90));
            return Map.of("quarkus.lra.coordinator-url", coordinator.baseUrl() + "/lra-coordinator");
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (coordinator != null) {
                coordinator.stop();
            }
            TempDirs.delete(dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
