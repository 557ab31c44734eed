package io.lrasaga.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.AppProcess;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.LocalSystemConfig;

/**
 * The lra-saga coordinator the TCK runs against: the packaged jar
 * ({@code lra-coordinator/target/quarkus-app/quarkus-run.jar} under {@code lra-saga.root}, or
 * {@code -Dlra-saga.jar.coordinator=...}) started as a separate process on a free port, with its
 * store in a temporary directory and its log in {@code target/}. One per test JVM: the JUnit run
 * listener ({@link CoordinatorRunListener}) starts it before the first test class and stops it
 * after the last, failed or not; the Arquillian observer ({@link CoordinatorObserver}) starts it
 * when no listener did (a single class run from an IDE). The launcher's shutdown hook kills it if
 * the JVM ends without either.
 *
 * <p>Starting it publishes, as system properties read by the Quarkus applications the TCK deploys:
 * {@code lra.coordinator.url} and {@code quarkus.lra.coordinator-url} (the coordinator), and
 * {@code quarkus.http.test-port} (a free port for the participants, which the coordinator calls
 * back), unless already given on the command line.
 */
public final class TckCoordinator {

    private static final Logger LOG = Logger.getLogger(TckCoordinator.class.getName());
    private static final String HEAP = System.getProperty("lra-saga.tck.coordinator.heap", "256m");

    private static AppProcess process;
    private static Path dataDir;
    private static Object owner;

    private TckCoordinator() {
    }

    /** Starts the coordinator unless one is running; {@code by} is the only one that may stop it. */
    public static synchronized void start(Object by) {
        if (process != null && process.isAlive()) {
            return;
        }
        if (System.getProperty("lra-saga.tck.external-coordinator") != null) {
            // -Dlra-saga.tck.external-coordinator=http://host:port/lra-coordinator: run against another coordinator
            publish(System.getProperty("lra-saga.tck.external-coordinator"));
            return;
        }
        try {
            dataDir = Files.createTempDirectory("lra-saga-tck-coordinator-");
            Path root = Path.of(System.getProperty("lra-saga.root", "../.."));
            Path jar = LocalSystemConfig.defaults(root).jar(App.COORDINATOR);
            int port = FreePort.find();
            Path log = Path.of("target", "coordinator-" + port + ".log").toAbsolutePath();
            process = new AppProcess("coordinator", jar, dataDir, log, port,
                    Map.of("lra-saga.coordinator.data-dir", dataDir.resolve("store").toString()), HEAP);
            owner = by;
            LOG.info("Starting the lra-saga coordinator " + jar + " on port " + port + " (log: " + log + ")");
            process.start();
            process.awaitReady(Duration.ofSeconds(120));
            publish(process.baseUrl() + "/lra-coordinator");
            LOG.info("lra-saga coordinator ready at " + System.getProperty("lra.coordinator.url")
                    + "; TCK participants on port " + System.getProperty("quarkus.http.test-port"));
        } catch (IOException e) {
            stopNow();
            throw new UncheckedIOException("cannot start the lra-saga coordinator for the TCK", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopNow();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the coordinator if {@code by} started it. */
    public static synchronized void stop(Object by) {
        if (owner == by) {
            stopNow();
        }
    }

    private static void publish(String coordinatorUrl) {
        System.setProperty("lra.coordinator.url", coordinatorUrl);
        System.setProperty("quarkus.lra.coordinator-url", coordinatorUrl);
        if (System.getProperty("quarkus.http.test-port") == null) {
            System.setProperty("quarkus.http.test-port", String.valueOf(FreePort.find()));
        }
    }

    private static void stopNow() {
        try {
            if (process != null) {
                LOG.info("Stopping the lra-saga coordinator on port " + process.port());
                process.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            owner = null;
            deleteQuietly(dataDir);
            dataDir = null;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warning("cannot delete " + dir + ": " + e);
        }
    }
}
