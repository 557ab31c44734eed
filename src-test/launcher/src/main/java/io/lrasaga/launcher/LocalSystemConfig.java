package io.lrasaga.launcher;

import java.nio.file.Path;

/**
 * How to run the system locally.
 *
 * @param projectRoot where the modules' target/quarkus-app directories are
 * @param dataDir     everything the run keeps: databases, coordinator log, logs
 * @param basePort    the coordinator's port; services follow (orders +1 ... activity +4)
 * @param postgresPort port of the embedded PostgreSQL server
 * @param mongoPort   port of the MongoDB wire server
 * @param durable     PostgreSQL with fsync and synchronous commit on
 * @param maxHeap     -Xmx of every application JVM
 * @param coordinatorStore the coordinator's store: {@code file} (files in its data directory),
 *                    {@code journal} (Narayana's journal in its data directory) or
 *                    {@code jdbc} (database {@code coordinator} of the embedded PostgreSQL)
 * @param jvmOptions  further options of every application JVM, space-separated; the default
 *                    {@link #FAST_START_JVM_OPTIONS} trades peak speed for start-up time (C1 only)
 */
public record LocalSystemConfig(Path projectRoot, Path dataDir, int basePort, int postgresPort, int mongoPort,
        boolean durable, String maxHeap, String coordinatorStore, String jvmOptions) {

    /** Start-up matters more than peak speed for the demo and the tests: five JVMs share two cores. */
    public static final String FAST_START_JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    public LocalSystemConfig {
        if (!java.util.Set.of("file", "journal", "jdbc").contains(coordinatorStore)) {
            throw new IllegalArgumentException("the coordinator store is file, journal or jdbc, not " + coordinatorStore);
        }
    }

    public static final int DEFAULT_BASE_PORT = 8080;
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_MONGO_PORT = 27018;

    public static LocalSystemConfig defaults(Path projectRoot) {
        return new LocalSystemConfig(projectRoot, projectRoot.resolve(".lra-saga"), DEFAULT_BASE_PORT,
                DEFAULT_POSTGRES_PORT, DEFAULT_MONGO_PORT, false, "256m", "file", FAST_START_JVM_OPTIONS);
    }

    public int port(App app) {
        return basePort + app.portOffset();
    }

    /**
     * The application's packaged jar; the system property {@code lra-saga.jar.<app>} (e.g.
     * {@code lra-saga.jar.coordinator}) points one application at another build.
     */
    public Path jar(App app) {
        String override = System.getProperty("lra-saga.jar." + app.id());
        if (override != null) {
            return Path.of(override);
        }
        return projectRoot.resolve(app.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public LocalSystemConfig withDataDir(Path dir) {
        return new LocalSystemConfig(projectRoot, dir, basePort, postgresPort, mongoPort, durable, maxHeap,
                coordinatorStore, jvmOptions);
    }

    public LocalSystemConfig withPorts(int base, int postgres, int mongo) {
        return new LocalSystemConfig(projectRoot, dataDir, base, postgres, mongo, durable, maxHeap,
                coordinatorStore, jvmOptions);
    }

    public LocalSystemConfig withCoordinatorStore(String store) {
        return new LocalSystemConfig(projectRoot, dataDir, basePort, postgresPort, mongoPort, durable, maxHeap, store,
                jvmOptions);
    }

    public LocalSystemConfig withDurable(boolean fsync) {
        return new LocalSystemConfig(projectRoot, dataDir, basePort, postgresPort, mongoPort, fsync, maxHeap,
                coordinatorStore, jvmOptions);
    }

    public LocalSystemConfig withJvmOptions(String options) {
        return new LocalSystemConfig(projectRoot, dataDir, basePort, postgresPort, mongoPort, durable, maxHeap,
                coordinatorStore, options);
    }

    /** The databases of the embedded PostgreSQL: one per service on it, and the coordinator's if it uses JDBC. */
    public java.util.List<String> postgresDatabases() {
        java.util.List<String> databases = new java.util.ArrayList<>();
        for (App app : App.values()) {
            if (app.store() == App.Store.POSTGRESQL || (app == App.COORDINATOR && coordinatorStore.equals("jdbc"))) {
                databases.add(app.id());
            }
        }
        return databases;
    }
}
