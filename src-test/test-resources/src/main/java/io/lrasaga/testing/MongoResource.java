package io.lrasaga.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.MongoWireServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A MongoDB wire server on an H2 file, empty at start, for one service's tests. */
public class MongoResource implements QuarkusTestResourceLifecycleManager {

    private MongoWireServer server;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("lra-saga-mongo-");
            server = MongoWireServer.start(dir.resolve("mongo.mv"), FreePort.find());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.mongodb.connection-string", server.connectionString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        try {
            TempDirs.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
