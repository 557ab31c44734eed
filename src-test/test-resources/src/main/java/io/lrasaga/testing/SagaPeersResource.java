package io.lrasaga.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.LocalSystem;
import io.lrasaga.launcher.LocalSystemConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The rest of the system around the orders service under test: embedded PostgreSQL, the
 * MongoDB wire server, the real coordinator and the real inventory, payments and activity
 * services as processes on free ports. The orders service runs in the test JVM against them.
 * URLs of the peers are published as config properties {@code lra-saga.test.<app>-url};
 * their data and logs stay under target/saga-peers-*.
 */
public class SagaPeersResource implements QuarkusTestResourceLifecycleManager {

    private LocalSystem system;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            // Under target/, kept after the run: the peers' logs are what explains a failure.
            Files.createDirectories(Path.of("target"));
            dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "saga-peers-");
            Path root = Path.of(System.getProperty("lra-saga.root", "../.."));
            LocalSystemConfig config = LocalSystemConfig.defaults(root)
                    .withDataDir(dir)
                    .withPorts(FreePort.findRange(5), FreePort.find(), FreePort.find());
            system = new LocalSystem(config);
            system.start(EnumSet.of(App.COORDINATOR, App.INVENTORY, App.PAYMENTS, App.ACTIVITY));
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException(e);
        }
        Map<String, String> properties = new HashMap<>(system.properties(App.ORDERS));
        properties.put("quarkus.hibernate-orm.database.generation", "drop-and-create");
        for (App app : App.values()) {
            properties.put("lra-saga.test." + app.id() + "-url", system.url(app));
        }
        return properties;
    }

    @Override
    public void stop() {
        if (system != null) {
            system.close();
        }
    }
}
