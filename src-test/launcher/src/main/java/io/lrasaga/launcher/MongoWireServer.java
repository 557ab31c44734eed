package io.lrasaga.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB wire-protocol server (mongo-java-server) backed by an H2 file, so documents
 * survive a restart. It has no multi-document transactions, like the stores the activity
 * service must cope with.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final int port;

    private MongoWireServer(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static MongoWireServer start(Path dataFile, int port) throws IOException {
        Files.createDirectories(dataFile.getParent());
        MongoServer server = new MongoServer(new H2Backend(dataFile.toString()));
        server.bind("127.0.0.1", port);
        return new MongoWireServer(server, port);
    }

    public int port() {
        return port;
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
