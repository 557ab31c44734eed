package io.lrasaga.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the zonky binaries, keeping its data in a directory so a
 * second start finds the same databases. One database per service, created on first start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final int port;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, int port) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * @param durable fsync and synchronous commit on; off trades crash safety of the
     *                database files for speed, which is fine for throw-away test data
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable, Collection<String> databases)
            throws IOException {
        Files.createDirectories(dataDir);
        // zonky unpacks its binaries under the working directory; keep them beside the data.
        Path binaries = dataDir.getParent().resolve("pg-binaries");
        Files.createDirectories(binaries);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDir, port);
        try {
            server.createDatabases(databases);
        } catch (SQLException e) {
            server.close();
            throw new IOException("cannot create the service databases", e);
        }
        return server;
    }

    private void createDatabases(Collection<String> databases) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String database : databases) {
                try (PreparedStatement exists = connection.prepareStatement(
                        "SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                }
            }
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The postmaster's PID, from the first line of {@code postmaster.pid} in the data directory. */
    public long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    /**
     * A crash of the database server: SIGKILL to the postmaster and every backend, no
     * checkpoint, no shutdown. A new {@link #start} on the same directory and port recovers
     * from the WAL, as PostgreSQL does after a power cut (committed work survives when
     * synchronous commit is on, see {@code durable}).
     */
    public void kill() throws IOException, InterruptedException {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid())
                .orElseThrow(() -> new IOException("the postmaster in postmaster.pid is not running"));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("PostgreSQL process " + process.pid() + " did not die", e);
            }
        }
        // Releases zonky's lock on the data directory; its pg_ctl stop finds nothing to stop,
        // which zonky reports as an error nobody needs to see here.
        java.util.logging.Logger zonky = java.util.logging.Logger.getLogger(EmbeddedPostgres.class.getName());
        java.util.logging.Level level = zonky.getLevel();
        zonky.setLevel(java.util.logging.Level.OFF);
        try {
            postgres.close();
        } catch (IOException | RuntimeException alreadyDead) {
            // expected: the server is gone
        } finally {
            zonky.setLevel(level);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
