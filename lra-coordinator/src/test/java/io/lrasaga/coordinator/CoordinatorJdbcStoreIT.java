package io.lrasaga.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lrasaga.launcher.AppProcess;
import io.lrasaga.launcher.EmbeddedPostgresServer;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code lra-saga.coordinator.store.type=jdbc} the packaged coordinator logs LRAs in a
 * PostgreSQL table, not on disk, and a restarted coordinator (new, empty data directory)
 * serves them again from the database.
 */
class CoordinatorJdbcStoreIT {

    private static final String TABLE = "lra_saga_jbosststxtable";

    private static EmbeddedPostgresServer postgres;
    private final JsonHttp http = new JsonHttp();
    private AppProcess coordinator;

    @BeforeAll
    static void database() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "jdbc-store-it-");
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), FreePort.find(), true, List.of("coordinator"));
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (coordinator != null) {
            coordinator.kill();
        }
    }

    private AppProcess coordinator(String jdbcUrl, int port) throws IOException {
        // A fresh data directory per start: whatever survives a restart came from the database.
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "jdbc-store-it-data-");
        Map<String, String> properties = new HashMap<>(Map.of(
                "lra-saga.coordinator.data-dir", dataDir.resolve("store").toString(),
                "lra-saga.coordinator.recovery-period", "1h",
                "lra-saga.coordinator.store.type", "jdbc",
                "lra-saga.coordinator.store.jdbc.url", jdbcUrl,
                "lra-saga.coordinator.store.jdbc.user", EmbeddedPostgresServer.USER));
        AppProcess process = new AppProcess("coordinator", Path.of("target/quarkus-app/quarkus-run.jar"),
                Files.createDirectories(dataDir.resolve("work")),
                Path.of("target/coordinator-jdbc-it-" + port + "-" + System.nanoTime() + ".log").toAbsolutePath(), port,
                properties, "256m");
        process.start();
        return process;
    }

    private int rowsOf(String uid) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("coordinator"),
                EmbeddedPostgresServer.USER, "");
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM " + TABLE + " WHERE uidstring = ?")) {
            // the table holds Narayana's Uid string form: ':' where the LRA URL has '_'
            count.setString(1, uid.replace('_', ':'));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("coordinator"),
                EmbeddedPostgresServer.USER, "");
                PreparedStatement all = connection.prepareStatement("SELECT uidstring, typename FROM " + TABLE);
                ResultSet rs = all.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void lrasLiveInPostgresqlAndSurviveAKill() throws Exception {
        int port = FreePort.find();
        coordinator = coordinator(postgres.jdbcUrl("coordinator"), port);
        coordinator.awaitReady(Duration.ofSeconds(90));
        JsonHttp.Reply ready = http.get(coordinator.baseUrl() + "/q/health/ready");
        assertTrue(ready.body().toString().contains("\"type\":\"jdbc\""), "readiness checks the database: " + ready.body());

        String base = coordinator.baseUrl() + "/lra-coordinator";
        URI lra = URI.create(http.post(base + "/start?ClientID=jdbc-it&TimeLimit=600000", "").body().asText());
        String uid = lra.getPath().substring(lra.getPath().lastIndexOf('/') + 1);
        assertEquals(1, rowsOf(uid), "the started LRA is a row of " + TABLE + ": " + rows());

        coordinator.kill();
        coordinator = coordinator(postgres.jdbcUrl("coordinator"), port);
        coordinator.awaitReady(Duration.ofSeconds(90));

        JsonHttp.Reply status = http.get(lra + "/status");
        assertEquals(200, status.status(), "status after the restart: " + status.body());
        assertEquals("Active", status.body().asText());
        assertEquals(200, http.put(lra + "/close", Map.of()).status());
        assertEquals(0, rowsOf(uid), "a closed LRA leaves no row behind");
    }

    @Test
    void anUnreachableDatabaseStopsTheStartWithAClearMessage() throws Exception {
        int port = FreePort.find();
        coordinator = coordinator("jdbc:postgresql://127.0.0.1:" + FreePort.find() + "/coordinator", port);
        IOException failed = assertThrows(IOException.class, () -> coordinator.awaitReady(Duration.ofSeconds(90)));
        assertTrue(failed.getMessage().contains("exited"), failed.getMessage());
        String log = Files.readString(coordinator.logFile());
        assertTrue(log.contains("cannot reach the JDBC store at jdbc:postgresql://127.0.0.1:"), log);
    }
}
