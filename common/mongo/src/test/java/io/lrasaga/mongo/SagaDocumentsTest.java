package io.lrasaga.mongo;

import static io.lrasaga.testing.ParticipantEndpoints.participantStatus;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.MongoResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * Saga writes of a MongoDB Panache entity through the real coordinator and the MongoDB wire
 * server (no multi-document transactions): markers, compensation, completion, semantic locks
 * and the committed view.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(CoordinatorResource.class)
class SagaDocumentsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    MongoClient mongo;

    private static Coordinator coordinator() {
        return Coordinator.ofServiceUnderTest();
    }

    private URI newLra() {
        return coordinator().start("mongo-test", Duration.ofMinutes(1));
    }

    private static String newColor() {
        return "color-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private MongoCollection<Document> gadgets() {
        return mongo.getDatabase("sagatest").getCollection("gadgets");
    }

    /** The stored document, marker included; null if there is none. */
    private Document raw(String id) {
        return gadgets().find(Filters.eq("_id", new ObjectId(id))).first();
    }

    private static String body(String name, String color, Integer count) {
        return "{\"name\":\"" + name + "\",\"color\":\"" + color + "\",\"count\":" + count + "}";
    }

    /** A gadget written outside any saga. */
    private static String seed(String name, String color, int count) {
        return given().contentType(ContentType.JSON).body(body(name, color, count)).post("/gadgets")
                .then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse insertStep(URI lra, String name, String color, int count) {
        return given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body(body(name, color, count)).post("/gadgets/steps").then();
    }

    private static ValidatableResponse updateStep(URI lra, String id, String change) {
        return given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body(change).put("/gadgets/" + id).then();
    }

    private static ValidatableResponse deleteStep(URI lra, String id) {
        return given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).delete("/gadgets/" + id).then();
    }

    private static List<String> names(String color, String view) {
        return given().queryParam("color", color).queryParam("view", view).get("/gadgets")
                .then().statusCode(200).extract().jsonPath().getList("name", String.class);
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }


    private static boolean forgotten(URI lra) {
        return given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).get("/lra-saga/participant/status")
                .then().extract().statusCode() == 410;
    }

    private void awaitStatus(URI lra, String status) {
        await().atMost(PATIENCE).until(() -> participantStatus(lra).equals(status));
    }

    @Test
    void updateThenCancelRestoresTheBeforeImage() {
        String color = newColor();
        String id = seed("first", color, 1);
        URI lra = newLra();
        updateStep(lra, id, "{\"name\":\"second\",\"count\":5}").statusCode(200).body("name", equalTo("second"));
        updateStep(lra, id, "{\"name\":\"third\",\"count\":7}").statusCode(200);
        given().get("/gadgets/" + id).then().statusCode(200).body("name", equalTo("third"), "count", equalTo(7));
        Document marked = raw(id);
        Document marker = marked.get("_saga", Document.class);
        assertEquals(lra.toASCIIString(), marker.getString("lra"));
        assertEquals("update", marker.getString("op"));
        assertEquals("first", marker.get("before", Document.class).getString("name"),
                "a second update keeps the first before-image");

        coordinator().cancel(lra);

        awaitStatus(lra, "Compensated");
        given().get("/gadgets/" + id).then().statusCode(200).body("name", equalTo("first"), "count", equalTo(1));
        assertFalse(raw(id).containsKey("_saga"));
    }

    @Test
    void updateThenCloseKeepsTheChangeAndUnlocks() {
        String color = newColor();
        String id = seed("first", color, 1);
        URI lra = newLra();
        updateStep(lra, id, "{\"count\":2}").statusCode(200);

        coordinator().close(lra);

        awaitStatus(lra, "Completed");
        assertEquals(2, raw(id).getInteger("count"));
        assertFalse(raw(id).containsKey("_saga"));
        given().contentType(ContentType.JSON).body("{\"count\":3}").put("/gadgets/" + id + "/outside")
                .then().statusCode(200);
    }

    @Test
    void insertThenCancelDeletesAndInsertThenCloseKeeps() {
        String color = newColor();
        URI cancelled = newLra();
        String undone = insertStep(cancelled, "undone", color, 1).statusCode(201).extract().path("id");
        URI closed = newLra();
        String kept = insertStep(closed, "kept", color, 1).statusCode(201).extract().path("id");
        assertEquals("insert", raw(kept).get("_saga", Document.class).getString("op"));

        coordinator().cancel(cancelled);
        coordinator().close(closed);

        awaitStatus(cancelled, "Compensated");
        awaitStatus(closed, "Completed");
        assertNull(raw(undone));
        assertFalse(raw(kept).containsKey("_saga"));
        assertEquals(List.of("kept"), names(color, "current"));
    }

    @Test
    void deleteThenCancelRestoresTheDocument() {
        String color = newColor();
        String id = seed("doomed", color, 4);
        URI lra = newLra();
        deleteStep(lra, id).statusCode(204);
        given().get("/gadgets/" + id).then().statusCode(404);
        assertNotNull(raw(id), "a saga's delete only marks the document until the LRA completes");
        assertEquals(List.of(), names(color, "current"));
        assertEquals(List.of("doomed"), names(color, "committed"));

        coordinator().cancel(lra);

        awaitStatus(lra, "Compensated");
        given().get("/gadgets/" + id).then().statusCode(200).body("name", equalTo("doomed"), "count", equalTo(4));
        assertFalse(raw(id).containsKey("_saga"));
    }

    @Test
    void deleteThenCloseRemovesTheDocument() {
        String id = seed("doomed", newColor(), 4);
        URI lra = newLra();
        deleteStep(lra, id).statusCode(204);

        coordinator().close(lra);

        awaitStatus(lra, "Completed");
        assertNull(raw(id));
    }

    /**
     * The ledger records in which collections an LRA deletes, so completing an insert-only step
     * spares the delete command; an entry written before it recorded them (an LRA in flight
     * across an upgrade) still gets its deletes done.
     */
    @Test
    void deletesAreCompletedForLedgerEntriesThatDoNotRecordThem() {
        String kept = seed("kept", newColor(), 1);
        String doomed = seed("doomed", newColor(), 4);
        URI lra = newLra();
        updateStep(lra, kept, "{\"count\":2}").statusCode(200);
        deleteStep(lra, doomed).statusCode(204);
        Document recorded = ledgerEntry(lra);
        assertEquals(List.of("sagatest.gadgets"), recorded.getList("deletesIn", String.class));
        mongo.getDatabase("sagatest").getCollection("lra_saga_ledger").updateOne(
                Filters.eq("_id", lra.toASCIIString()),
                new Document("$unset", new Document("recordsDeletes", "").append("deletesIn", "")));

        coordinator().close(lra);

        awaitStatus(lra, "Completed");
        assertNull(raw(doomed));
        assertEquals(2, raw(kept).getInteger("count"));
        assertFalse(raw(kept).containsKey("_saga"));
    }

    @Test
    void anInsertOnlyStepRecordsNoDeletes() {
        URI lra = newLra();
        insertStep(lra, "fresh", newColor(), 1).statusCode(201);
        Document recorded = ledgerEntry(lra);
        assertTrue(recorded.getBoolean("recordsDeletes"));
        assertNull(recorded.get("deletesIn"));
    }

    private Document ledgerEntry(URI lra) {
        return mongo.getDatabase("sagatest").getCollection("lra_saga_ledger")
                .find(Filters.eq("_id", lra.toASCIIString())).first();
    }

    @Test
    void updateThenDeleteThenCancelRestoresTheOriginal() {
        String id = seed("original", newColor(), 1);
        URI lra = newLra();
        updateStep(lra, id, "{\"name\":\"changed\"}").statusCode(200);
        deleteStep(lra, id).statusCode(204);

        coordinator().cancel(lra);

        awaitStatus(lra, "Compensated");
        given().get("/gadgets/" + id).then().statusCode(200).body("name", equalTo("original"));
    }

    @Test
    void aDocumentHeldByOneSagaIsAConflictForAnother() {
        String id = seed("contested", newColor(), 1);
        URI holder = newLra();
        URI other = newLra();
        updateStep(holder, id, "{\"count\":2}").statusCode(200);

        updateStep(other, id, "{\"count\":3}").statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("saga-conflict"));
        deleteStep(other, id).statusCode(409).body("type", equalTo("saga-conflict"));
        assertEquals(2, raw(id).getInteger("count"));
        assertEquals(holder.toASCIIString(), raw(id).get("_saga", Document.class).getString("lra"));

        coordinator().cancel(other);
        coordinator().close(holder);
        awaitStatus(holder, "Completed");
        URI next = newLra();
        updateStep(next, id, "{\"count\":4}").statusCode(200);
        coordinator().close(next);
        awaitStatus(next, "Completed");
        assertEquals(4, raw(id).getInteger("count"));
    }

    @Test
    void aWriteOutsideAnySagaOnAMarkedDocumentIsAConflict() {
        String id = seed("held", newColor(), 1);
        URI lra = newLra();
        updateStep(lra, id, "{\"count\":2}").statusCode(200);

        given().contentType(ContentType.JSON).body("{\"count\":9}").put("/gadgets/" + id + "/outside")
                .then().statusCode(409).contentType("application/problem+json").body("type", equalTo("saga-conflict"));
        given().delete("/gadgets/" + id + "/outside")
                .then().statusCode(409).body("type", equalTo("saga-conflict"));
        assertEquals(2, raw(id).getInteger("count"));

        coordinator().cancel(lra);
        awaitStatus(lra, "Compensated");
        assertEquals(1, raw(id).getInteger("count"));
    }

    @Test
    void theCommittedViewNeverShowsProvisionalWrites() {
        String red = newColor();
        String blue = newColor();
        String repainted = seed("repainted", red, 1);
        seed("settled", blue, 1);
        URI lra = newLra();
        insertStep(lra, "provisional", blue, 1).statusCode(201);
        updateStep(lra, repainted, "{\"color\":\"" + blue + "\",\"name\":\"repainted-blue\"}").statusCode(200);

        assertEquals(List.of("provisional", "repainted-blue", "settled"), sorted(names(blue, "current")));
        assertEquals(List.of("settled"), names(blue, "committed"));
        assertEquals(List.of(), names(red, "current"));
        assertEquals(List.of("repainted"), names(red, "committed"), "the before-image, matched by its own color");

        coordinator().close(lra);

        awaitStatus(lra, "Completed");
        assertEquals(List.of("provisional", "repainted-blue", "settled"), sorted(names(blue, "committed")));
        assertEquals(List.of(), names(red, "committed"));
    }

    @Test
    void theMarkerIsStoredButNeverShown() {
        String id = seed("plain", newColor(), 1);
        URI lra = newLra();
        updateStep(lra, id, "{\"count\":2}").statusCode(200).body("$", not(hasKey("_saga")));
        given().get("/gadgets/" + id).then().statusCode(200).body("$", not(hasKey("_saga")), "count", equalTo(2));
        assertTrue(raw(id).containsKey("_saga"));
        coordinator().close(lra);
        awaitStatus(lra, "Completed");
    }

    /** What a restarted service needs to finish an LRA is in the store, not in memory. */
    /**
     * A kill -9 after the ledger left Active but before the markers were swept leaves the entry
     * Completing or Compensating. Narayana, having lost the callback's answer, from then on only
     * asks for the status; the status call finishes the interrupted ending (found by the chaos
     * runner: an LRA stayed Closing for ever after activity was killed during its complete).
     */
    @Test
    void anEndingACrashInterruptedIsFinishedWhenTheCoordinatorAsksForTheStatus() {
        String color = newColor();
        String completed = seed("completing", color, 1);
        String compensated = seed("compensating", color, 1);
        URI closing = newLra();
        URI cancelling = newLra();
        updateStep(closing, completed, "{\"count\":2}").statusCode(200);
        updateStep(cancelling, compensated, "{\"count\":2}").statusCode(200);
        interrupted(closing, "Completing");
        interrupted(cancelling, "Compensating");

        assertEquals("Completed", participantStatus(closing));
        assertEquals("Compensated", participantStatus(cancelling));
        assertFalse(raw(completed).containsKey("_saga"));
        assertEquals(2, raw(completed).getInteger("count"));
        assertFalse(raw(compensated).containsKey("_saga"));
        assertEquals(1, raw(compensated).getInteger("count"), "the before-image is back");
        coordinator().close(closing);
        coordinator().cancel(cancelling);
        awaitStatus(closing, "Completed");
        awaitStatus(cancelling, "Compensated");
        assertEquals(2, raw(completed).getInteger("count"));
        assertEquals(1, raw(compensated).getInteger("count"));
    }

    /** What a crash in the middle of an ending leaves: the ledger entry moved on, the markers still there. */
    private void interrupted(URI lra, String status) {
        mongo.getDatabase("sagatest").getCollection("lra_saga_ledger").updateOne(
                Filters.eq("_id", lra.toASCIIString()), new Document("$set", new Document("status", status)));
    }

    @Test
    void theLedgerRecordsStatusAndCollectionsDurably() {
        URI lra = newLra();
        insertStep(lra, "logged", newColor(), 1).statusCode(201);
        Document entry = mongo.getDatabase("sagatest").getCollection("lra_saga_ledger")
                .find(Filters.eq("_id", lra.toASCIIString())).first();
        assertNotNull(entry);
        assertEquals("Active", entry.getString("status"));
        assertEquals(List.of("sagatest.gadgets"), entry.getList("collections", String.class));
        assertNotNull(entry.getDate("createdAt"));

        coordinator().cancel(lra);
        awaitStatus(lra, "Compensated");
        assertEquals("Compensated", mongo.getDatabase("sagatest").getCollection("lra_saga_ledger")
                .find(Filters.eq("_id", lra.toASCIIString())).first().getString("status"));
    }

    @Test
    void repeatedAndOutOfOrderCallbacksAnswerTheRecordedOutcome() {
        String color = newColor();
        URI closed = newLra();
        insertStep(closed, "kept", color, 1).statusCode(201);
        coordinator().close(closed);
        URI cancelled = newLra();
        insertStep(cancelled, "undone", color, 1).statusCode(201);
        coordinator().cancel(cancelled);
        awaitStatus(closed, "Completed");
        awaitStatus(cancelled, "Compensated");

        for (int i = 0; i < 2; i++) {
            given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).put("/lra-saga/participant/complete")
                    .then().statusCode(200).body(equalTo("Completed"));
            given().header(LRA_HTTP_CONTEXT_HEADER, cancelled.toASCIIString()).put("/lra-saga/participant/compensate")
                    .then().statusCode(200).body(equalTo("Compensated"));
            given().header(LRA_HTTP_CONTEXT_HEADER, closed.toASCIIString()).put("/lra-saga/participant/compensate")
                    .then().statusCode(200).body(equalTo("Completed"));
        }
        assertEquals(List.of("kept"), names(color, "current"));
    }

    @Test
    void aStepAfterCompensationIsRefusedAndLeavesNothing() {
        String color = newColor();
        String id = seed("late", color, 1);
        URI lra = newLra();
        insertStep(lra, "early", color, 1).statusCode(201);
        coordinator().cancel(lra);
        awaitStatus(lra, "Compensated");

        insertStep(lra, "late-insert", color, 1).statusCode(412).contentType("application/problem+json");
        updateStep(lra, id, "{\"count\":5}").statusCode(412);
        deleteStep(lra, id).statusCode(412);

        assertEquals(List.of("late"), names(color, "current"));
        assertEquals(1, raw(id).getInteger("count"));
        assertFalse(raw(id).containsKey("_saga"));
    }

    /**
     * Steps still running while their LRA is cancelled: whatever each of them answered, once
     * all are done nothing they wrote remains and nothing stays locked.
     */
    @Test
    void aCompensationRacingRunningStepsLeavesNoEffect() throws Exception {
        String color = newColor();
        URI lra = newLra();
        // Joined once up front: concurrent first joins of one LRA contend for the coordinator's lock.
        insertStep(lra, "racer", color, 0).statusCode(201);
        int writers = 4;
        int writesEach = 15;
        CountDownLatch firstWrites = new CountDownLatch(writers);
        Set<String> answers = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        var answer = insertStep(lra, "racer", color, i).extract();
                        answers.add(answer.statusCode() == 201 ? "201" : answer.statusCode() + " " + answer.asString());
                        if (i == 0) {
                            firstWrites.countDown();
                        }
                    }
                }));
            }
            assertTrue(firstWrites.await(30, TimeUnit.SECONDS));
            coordinator().cancel(lra);
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        awaitStatus(lra, "Compensated");
        assertTrue(answers.stream().allMatch(a -> a.equals("201") || a.startsWith("412")), "answers: " + answers);
        assertEquals(0, gadgets().countDocuments(Filters.eq("color", color)));
        assertEquals(0, gadgets().countDocuments(Filters.eq("_saga.lra", lra.toASCIIString())));
    }

    /**
     * A marker that cannot be undone (its before-image is gone) fails the compensation and keeps
     * the document locked; forgetting the failed LRA releases it. A running LRA is not forgotten.
     */
    @Test
    void aFailedCompensationIsRecordedAndOnlyThenForgotten() {
        String id = seed("broken", newColor(), 1);
        URI lra = newLra();
        updateStep(lra, id, "{\"count\":2}").statusCode(200);
        given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).delete("/lra-saga/participant/forget")
                .then().statusCode(410);
        assertEquals("Active", participantStatus(lra));
        gadgets().updateOne(Filters.eq("_id", new ObjectId(id)), new Document("$unset", new Document("_saga.before", "")));

        coordinator().cancel(lra);

        // The coordinator may forget the failed participant itself; either way the lock goes.
        await().atMost(PATIENCE).until(() -> participantStatus(lra).equals("FailedToCompensate") || forgotten(lra));
        var status = given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).get("/lra-saga/participant/status");
        if (status.statusCode() == 200) { // not yet forgotten by the coordinator: it says why it failed
            assertEquals(id + " has no before-image to restore",
                    status.header("Lra-Saga-Failure-Reason").replaceFirst("^\\S+ ", ""));
        }
        given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).delete("/lra-saga/participant/forget")
                .then().statusCode(oneOf(200, 410));
        assertTrue(forgotten(lra));
        assertFalse(raw(id).containsKey("_saga"));
        assertEquals(2, raw(id).getInteger("count"), "a forgotten LRA's document keeps what the repair left");
    }

    @Test
    void aStepWithoutAnLraOrFromAForeignCoordinatorIsRefused() {
        String color = newColor();
        given().contentType(ContentType.JSON).body(body("x", color, 1)).post("/gadgets/steps")
                .then().statusCode(412).contentType("application/problem+json").body("type", equalTo("lra-required"));
        given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, "http://evil.example/lra-coordinator/1")
                .body(body("x", color, 1)).post("/gadgets/steps")
                .then().statusCode(400).body("type", equalTo("untrusted-coordinator"));
        assertEquals(List.of(), names(color, "current"));
    }
}
