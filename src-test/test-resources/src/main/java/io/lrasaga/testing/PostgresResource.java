package io.lrasaga.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lrasaga.launcher.EmbeddedPostgresServer;
import io.lrasaga.launcher.FreePort;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real, empty PostgreSQL for one service's tests, with a fresh schema. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final String DATABASE = "service";

    private EmbeddedPostgresServer server;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("lra-saga-pg-");
            server = EmbeddedPostgresServer.start(dir.resolve("data"), FreePort.find(), false, List.of(DATABASE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(DATABASE),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", "",
                "quarkus.hibernate-orm.database.generation", "drop-and-create");
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
            TempDirs.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
