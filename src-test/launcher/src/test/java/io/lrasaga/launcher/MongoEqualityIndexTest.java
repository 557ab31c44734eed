package io.lrasaga.launcher;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.backend.IndexKey;

/**
 * The wire server's secondary index answers exactly what a scan would, through inserts,
 * updates that move a document to another value, deletes and a restart that rebuilds it.
 */
class MongoEqualityIndexTest {

    @TempDir
    Path dir;

    @Test
    void queriesOnAnIndexedFieldFindWhatAScanFinds() throws IOException {
        Path file = dir.resolve("data.mv");
        int port = FreePort.find();
        try (MongoWireServer server = MongoWireServer.start(file, port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("test").getCollection("events");
            events.createIndex(Indexes.ascending("_saga.lra"));
            for (int i = 0; i < 30; i++) {
                events.insertOne(new Document("_id", "e" + i).append("n", i)
                        .append("_saga", new Document("lra", "lra-" + (i % 3)).append("op", i % 2 == 0 ? "insert" : "delete")));
            }
            events.insertOne(new Document("_id", "plain").append("n", 99));

            assertEquals(ids(10, 0), found(events, eq("_saga.lra", "lra-0")));
            assertEquals(List.of("e0", "e6", "e12", "e18", "e24"),
                    found(events, and(eq("_saga.lra", "lra-0"), eq("_saga.op", "insert"))));
            assertEquals(List.of("e3", "e9", "e15", "e21", "e27"),
                    found(events, and(eq("_saga.lra", "lra-0"), ne("_saga.op", "insert"))));

            // settle lra-1 as the runtime does: delete its deletes, strip the marker off the rest
            events.deleteMany(and(eq("_saga.lra", "lra-1"), eq("_saga.op", "delete")));
            events.updateMany(eq("_saga.lra", "lra-1"), unset("_saga"));
            assertEquals(List.of(), found(events, eq("_saga.lra", "lra-1")));
            assertEquals(26, events.countDocuments(), "31 documents less the 5 deletes of lra-1");
            // a document moved to another LRA is found under that one only
            events.updateOne(eq("_id", "e2"), set("_saga.lra", "lra-0"));
            assertEquals(11, found(events, eq("_saga.lra", "lra-0")).size());
            assertEquals(List.of("e5", "e8", "e11", "e14", "e17", "e20", "e23", "e26", "e29"),
                    found(events, eq("_saga.lra", "lra-2")));
            // a compare-and-set by _id (the ledger's transitions): found by _id, then the rest is checked
            assertEquals(1, events.updateOne(and(eq("_id", "e4"), in("n", 4, 5)), set("n", 40)).getModifiedCount());
            assertEquals(0, events.updateOne(and(eq("_id", "e4"), in("n", 4, 5)), set("n", 41)).getModifiedCount());
            assertEquals(List.of("e4"), found(events, and(eq("_id", "e4"), eq("n", 40))));
        }
        try (MongoWireServer reopened = MongoWireServer.start(file, FreePort.find());
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("test").getCollection("events");
            assertEquals(11, found(events, eq("_saga.lra", "lra-0")).size(), "rebuilt from the file");
            assertEquals(List.of(), found(events, eq("_saga.lra", "lra-1")));
        }
    }

    @Test
    void numbersMatchAcrossTypesAsInMongoDb() throws IOException {
        try (MongoWireServer server = MongoWireServer.start(dir.resolve("numbers.mv"), FreePort.find());
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("test").getCollection("items");
            items.createIndex(Indexes.ascending("qty"));
            items.insertOne(new Document("_id", "a").append("qty", 3));
            items.insertOne(new Document("_id", "b").append("qty", 3L));
            items.insertOne(new Document("_id", "c").append("qty", 3.0));
            items.insertOne(new Document("_id", "d").append("qty", 4));
            assertEquals(List.of("a", "b", "c"), found(items, eq("qty", 3)));
        }
    }

    @Test
    void theIndexNarrowsAQueryToTheDocumentsOfItsValue() {
        MongoEqualityIndex<Object> index = new MongoEqualityIndex<>("lra", List.of(new IndexKey("_saga.lra", true)),
                false);
        for (int i = 0; i < 6; i++) {
            index.add(marked("d" + i, "lra-" + (i % 2)), "d" + i, null);
        }
        de.bwaldvogel.mongo.bson.Document byLra = new de.bwaldvogel.mongo.bson.Document("_saga.lra", "lra-1")
                .append("_saga.op", new de.bwaldvogel.mongo.bson.Document("$ne", "delete"));
        de.bwaldvogel.mongo.bson.Document inAnd = new de.bwaldvogel.mongo.bson.Document("$and",
                List.of(new de.bwaldvogel.mongo.bson.Document("_saga.lra", "lra-0")));
        assertTrue(index.canHandle(byLra));
        assertTrue(index.canHandle(inAnd));
        assertFalse(index.canHandle(new de.bwaldvogel.mongo.bson.Document("_saga.lra",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("lra-0")))), "operators are left to a scan");
        assertEquals(List.of("d1", "d3", "d5"), positions(index, byLra));
        assertEquals(List.of("d0", "d2", "d4"), positions(index, inAnd));
        assertEquals("d3", index.remove(marked("d3", "lra-1")));
        assertEquals(List.of("d1", "d5"), positions(index, byLra));
        assertEquals(5, index.getCount());
    }

    private static de.bwaldvogel.mongo.bson.Document marked(String id, String lra) {
        return new de.bwaldvogel.mongo.bson.Document("_id", id).append("_saga",
                new de.bwaldvogel.mongo.bson.Document("lra", lra));
    }

    private static List<Object> positions(MongoEqualityIndex<Object> index, de.bwaldvogel.mongo.bson.Document query) {
        List<Object> positions = new ArrayList<>();
        index.getPositions(query).forEach(positions::add);
        return positions;
    }

    private static List<String> found(MongoCollection<Document> collection, Bson filter) {
        List<String> ids = new ArrayList<>();
        collection.find(filter).sort(new Document("n", 1).append("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private static List<String> ids(int count, int lra) {
        List<String> ids = new ArrayList<>();
        for (int i = lra; ids.size() < count; i += 3) {
            ids.add("e" + i);
        }
        return ids;
    }
}
