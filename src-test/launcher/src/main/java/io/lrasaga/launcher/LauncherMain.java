package io.lrasaga.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code run} (default): start everything, run the demo, print the URLs, stay up until
 * Ctrl-C. {@code demo}: the same, then stop everything; the exit code says whether both
 * orders ended as expected.
 *
 * <p>System properties: {@code lra-saga.root} (project root, default: working directory),
 * {@code lra-saga.data-dir} (default: ROOT/.lra-saga), {@code lra-saga.base-port} (8080),
 * {@code lra-saga.postgres-port} (15432), {@code lra-saga.mongo-port} (27018),
 * {@code lra-saga.durable} (false), {@code lra-saga.max-heap} (256m),
 * {@code lra-saga.jvm-options} (LocalSystemConfig.FAST_START_JVM_OPTIONS),
 * {@code lra-saga.coordinator-store} (file; journal; or jdbc).
 */
public final class LauncherMain {

    public static void main(String[] args) throws Exception {
        quietLogging();
        String mode = args.length > 0 ? args[0] : "run";
        if (!mode.equals("run") && !mode.equals("demo")) {
            System.err.println("usage: LauncherMain [run|demo]");
            System.exit(2);
        }
        LocalSystemConfig config = configFromSystemProperties();
        LocalSystem system = new LocalSystem(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            System.out.println("stopping lra-saga ...");
            system.close();
            stopped.countDown();
        }, "lra-saga-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        System.out.println("starting lra-saga (data in " + config.dataDir() + ", logs in "
                + config.dataDir().resolve("logs") + ")");
        system.start();
        boolean ok = new Demo(system, System.out).run();
        printUrls(system);
        if (mode.equals("demo")) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            system.close();
            System.out.println(ok ? "demo passed" : "demo FAILED");
            System.exit(ok ? 0 : 1);
        }
        System.out.println("lra-saga is running; press Ctrl-C to stop");
        stopped.await();
    }

    /** One line per record, and only what a user needs: which process is ready where. */
    public static void quietLogging() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        }
        java.util.logging.LogManager.getLogManager().reset();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.ConsoleHandler console = new java.util.logging.ConsoleHandler();
        console.setFormatter(new java.util.logging.SimpleFormatter());
        root.addHandler(console);
        QUIET_STORES.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
    }

    // Held strongly: JUL keeps loggers weakly, and a collected one forgets its level. The store
    // servers' chatter (connections, collections, indexes) is in no user's interest here.
    private static final java.util.List<java.util.logging.Logger> QUIET_STORES = java.util.List.of(
            java.util.logging.Logger.getLogger("de.bwaldvogel"),
            java.util.logging.Logger.getLogger("io.zonky"));

    static LocalSystemConfig configFromSystemProperties() {
        Path root = Path.of(System.getProperty("lra-saga.root", ".")).toAbsolutePath().normalize();
        LocalSystemConfig defaults = LocalSystemConfig.defaults(root);
        return new LocalSystemConfig(root,
                Path.of(System.getProperty("lra-saga.data-dir", defaults.dataDir().toString())).toAbsolutePath(),
                Integer.getInteger("lra-saga.base-port", defaults.basePort()),
                Integer.getInteger("lra-saga.postgres-port", defaults.postgresPort()),
                Integer.getInteger("lra-saga.mongo-port", defaults.mongoPort()),
                Boolean.parseBoolean(System.getProperty("lra-saga.durable", "false")),
                System.getProperty("lra-saga.max-heap", defaults.maxHeap()),
                System.getProperty("lra-saga.coordinator-store", defaults.coordinatorStore()),
                System.getProperty("lra-saga.jvm-options", defaults.jvmOptions()));
    }

    private static void printUrls(LocalSystem system) {
        LocalSystemConfig config = system.config();
        System.out.println();
        System.out.printf("  coordinator  http://localhost:%d/lra-coordinator%n", config.port(App.COORDINATOR));
        System.out.printf("  admin        http://localhost:%d/admin/lras  (user operator, password %s)%n",
                config.port(App.COORDINATOR), system.adminPassword());
        System.out.printf("  dashboard    http://localhost:%d/dashboard  (same user)%n", config.port(App.COORDINATOR));
        System.out.printf("  orders       http://localhost:%d/orders/{id}%n", config.port(App.ORDERS));
        System.out.printf("  inventory    http://localhost:%d/products/{sku}%n", config.port(App.INVENTORY));
        System.out.printf("  payments     http://localhost:%d/accounts/{customerId}%n", config.port(App.PAYMENTS));
        System.out.printf("  activity     http://localhost:%d/events?userId=%s%n", config.port(App.ACTIVITY),
                Demo.CUSTOMER);
        System.out.printf("  PostgreSQL   127.0.0.1:%d (user postgres), MongoDB %s%n", config.postgresPort(),
                "mongodb://127.0.0.1:" + config.mongoPort());
        System.out.println();
    }
}
