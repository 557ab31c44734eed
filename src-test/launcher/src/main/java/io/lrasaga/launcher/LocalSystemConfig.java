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
 */
public record LocalSystemConfig(Path projectRoot, Path dataDir, int basePort, int postgresPort, int mongoPort,
        boolean durable, String maxHeap) {

    public static final int DEFAULT_BASE_PORT = 8080;
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_MONGO_PORT = 27018;

    public static LocalSystemConfig defaults(Path projectRoot) {
        return new LocalSystemConfig(projectRoot, projectRoot.resolve(".lra-saga"), DEFAULT_BASE_PORT,
                DEFAULT_POSTGRES_PORT, DEFAULT_MONGO_PORT, false, "256m");
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
        return new LocalSystemConfig(projectRoot, dir, basePort, postgresPort, mongoPort, durable, maxHeap);
    }

    public LocalSystemConfig withPorts(int base, int postgres, int mongo) {
        return new LocalSystemConfig(projectRoot, dataDir, base, postgres, mongo, durable, maxHeap);
    }
}
