package io.lrasaga.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB wire-protocol server (mongo-java-server) backed by an H2 file, so documents
 * survive a restart. It has no multi-document transactions, like the stores the activity
 * service must cope with. Every command is committed to the file before it is answered, as a
 * journaled mongod does: H2's MVStore otherwise writes its changes about once a second, and a
 * kill -9 lost acknowledged writes (found by the chaos runner, seed 29: activity events of
 * confirmed orders gone after the server was killed).
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
        MongoServer server = new MongoServer(new CommittingH2Backend(dataFile.toString()));
        server.bind("127.0.0.1", port);
        return new MongoWireServer(server, port);
    }

    /**
     * Commits the MVStore after each command and message, before the answer goes out; keeps
     * single-field secondary indexes ({@link MongoEqualityIndex}) and looks documents up by a
     * unique field even when a query asks more ({@link MongoUniqueLookup}).
     */
    private static final class CommittingH2Backend extends H2Backend {

        CommittingH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new IndexingH2Database(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                commit();
            }
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            try {
                return super.handleMessage(message);
            } finally {
                commit();
            }
        }
    }

    private static final class IndexingH2Database extends H2Database {

        IndexingH2Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            Index<Object> unique = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            return keys.size() == 1 && !sparse ? new MongoUniqueLookup<>(unique) : unique;
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            return keys.size() == 1 ? new MongoEqualityIndex<>(indexName, keys, sparse)
                    : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
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
