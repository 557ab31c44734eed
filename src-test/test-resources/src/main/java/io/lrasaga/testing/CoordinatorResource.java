package io.lrasaga.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

    /**
     * Init arg: {@code "false"} starts the coordinator without the signed-callbacks key while
     * the service under test still has it (a coordinator not yet given the key), so every
     * callback is confirmed by asking the coordinator.
     */
    public static final String COORDINATOR_SIGNS = "coordinator-signs";

    private static final String SIGNED_CALLBACKS_KEY = "lra-saga.signed-callbacks.key";

    private AppProcess coordinator;
    private Path dir;
    private boolean coordinatorSigns = true;

    @Override
    public void init(Map<String, String> initArgs) {
        coordinatorSigns = !"false".equals(initArgs.get(COORDINATOR_SIGNS));
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("lra-saga-coordinator-");
            Path root = Path.of(System.getProperty("lra-saga.root", "../.."));
            int port = FreePort.find();
            Map<String, String> properties = new HashMap<>(Map.of(
                    "lra-saga.coordinator.data-dir", dir.resolve("store").toString(),
                    "lra-saga.coordinator.admin.operator-password", Coordinator.TEST_OPERATOR_PASSWORD));
            if (coordinatorSigns) {
                properties.put(SIGNED_CALLBACKS_KEY, Coordinator.TEST_SIGNED_CALLBACKS_KEY);
            }
            coordinator = new AppProcess("coordinator", LocalSystemConfig.defaults(root).jar(App.COORDINATOR),
                    dir, Path.of("target", "coordinator-" + port + ".log").toAbsolutePath(), port, properties, "256m");
            coordinator.start();
            coordinator.awaitReady(Duration.ofSeconds(90));
            return Map.of("quarkus.lra.coordinator-url", coordinator.baseUrl() + "/lra-coordinator",
                    SIGNED_CALLBACKS_KEY, Coordinator.TEST_SIGNED_CALLBACKS_KEY);
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
