package io.lrasaga.orm;

import static io.lrasaga.testing.ParticipantEndpoints.participantStatus;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import io.lrasaga.orm.testapp.Widget;
import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Automatic compensation of Hibernate ORM writes, driven through the real coordinator:
 * every kind of write undone, commutative changes of concurrent sagas, semantic locks, and
 * a compensation that would overwrite someone else's change.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class CompensationTest {

    @Inject
    EntityManager entityManager;

    private static Coordinator coordinator() {
        return Coordinator.ofServiceUnderTest();
    }

    private URI newLra() {
        return coordinator().start("orm-test", Duration.ofMinutes(1));
    }

    private static String newId() {
        return "w-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String seed(String label, long count) {
        String id = newId();
        QuarkusTransaction.requiringNew().run(() -> {
            Widget widget = new Widget();
            widget.id = id;
            widget.label = label;
            widget.count = count;
            widget.persist();
        });
        return id;
    }

    private ValidatableResponse step(URI lra, String method, String path) {
        return given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).request(method, path).then();
    }


    private void awaitStatus(URI lra, String status) {
        await().atMost(Duration.ofSeconds(15)).until(() -> participantStatus(lra).equals(status));
    }

    @Test
    void anInsertIsUndoneByDeletingIt() {
        String id = newId();
        URI lra = newLra();
        step(lra, "POST", "/widgets/" + id + "?label=new").statusCode(200);
        given().get("/widgets/" + id).then().statusCode(200);

        coordinator().cancel(lra);

        awaitStatus(lra, "Compensated");
        given().get("/widgets/" + id).then().statusCode(404);
    }

    @Test
    void anUpdateIsUndoneByRestoringTheOldValue() {
        String id = seed("before", 1);
        URI lra = newLra();
        step(lra, "PUT", "/widgets/" + id + "/label?label=during").statusCode(200);
        step(lra, "PUT", "/widgets/" + id + "/label?label=after").statusCode(200);

        coordinator().cancel(lra);

        awaitStatus(lra, "Compensated");
        given().get("/widgets/" + id).then().body("label", equalTo("before"));
    }

    @Test
    void aDeleteIsUndoneByInsertingTheRowAgainAndIsFinalOnClose() {
        String undone = seed("keep me", 4);
        String kept = seed("drop me", 5);
        URI cancelled = newLra();
        URI closed = newLra();
        step(cancelled, "DELETE", "/widgets/" + undone).statusCode(204);
        step(closed, "DELETE", "/widgets/" + kept).statusCode(204);
        given().get("/widgets/" + undone).then().statusCode(404);

        coordinator().cancel(cancelled);
        coordinator().close(closed);

        awaitStatus(cancelled, "Compensated");
        awaitStatus(closed, "Completed");
        given().get("/widgets/" + undone).then().statusCode(200).body("label", equalTo("keep me"), "count", equalTo(4));
        given().get("/widgets/" + kept).then().statusCode(404);
    }

    @Test
    void commutativeChangesOfConcurrentSagasAreUndoneAsDeltas() {
        String id = seed("shared", 10);
        URI undone = newLra();
        URI kept = newLra();
        step(undone, "PUT", "/widgets/" + id + "/count?delta=5").statusCode(200);
        step(kept, "PUT", "/widgets/" + id + "/count?delta=-3").statusCode(200);
        step(undone, "PUT", "/widgets/" + id + "/count?delta=2").statusCode(200);

        coordinator().cancel(undone);
        coordinator().close(kept);

        awaitStatus(undone, "Compensated");
        awaitStatus(kept, "Completed");
        given().get("/widgets/" + id).then().body("count", equalTo(7));
    }

    @Test
    void theCommittedViewShowsRowsAsEndedSagasLeftThem() {
        String inserted = newId();
        String deleted = seed("still here", 1);
        String updated = seed("old label", 10);
        URI lra = newLra();
        step(lra, "POST", "/widgets/" + inserted + "?label=provisional").statusCode(200);
        step(lra, "DELETE", "/widgets/" + deleted).statusCode(204);
        step(lra, "PUT", "/widgets/" + updated + "/label?label=new label").statusCode(200);
        step(lra, "PUT", "/widgets/" + updated + "/count?delta=-4").statusCode(200);

        given().queryParam("view", "committed").get("/widgets/" + inserted).then().statusCode(404);
        given().queryParam("view", "committed").get("/widgets/" + deleted).then().statusCode(200)
                .body("label", equalTo("still here"));
        given().queryParam("view", "committed").get("/widgets/" + updated).then().statusCode(200)
                .body("label", equalTo("old label"), "count", equalTo(10));
        given().get("/widgets/" + updated).then().body("label", equalTo("new label"), "count", equalTo(6));

        coordinator().close(lra);
        awaitStatus(lra, "Completed");
        given().queryParam("view", "committed").get("/widgets/" + inserted).then().statusCode(200);
        given().queryParam("view", "committed").get("/widgets/" + deleted).then().statusCode(404);
        given().queryParam("view", "committed").get("/widgets/" + updated).then()
                .body("label", equalTo("new label"), "count", equalTo(6));
    }

    @Test
    void largeDecimalDeltasAreUndoneToTheCent() {
        String id = seed("money", 0);
        QuarkusTransaction.requiringNew().run(() -> Widget.<Widget>findById(id).amount =
                new java.math.BigDecimal("999999999999999.99"));
        URI lra = newLra();
        step(lra, "PUT", "/widgets/" + id + "/amount?delta=-999999999999999.98").statusCode(200);

        coordinator().cancel(lra);

        awaitStatus(lra, "Compensated");
        assertEquals("999999999999999.99", QuarkusTransaction.requiringNew()
                .call(() -> Widget.<Widget>findById(id).amount.toPlainString()));
    }

    @Test
    void aRowChangedByARunningSagaIsLockedAgainstOthers() {
        String id = seed("free", 0);
        URI holder = newLra();
        URI other = newLra();
        step(holder, "PUT", "/widgets/" + id + "/label?label=mine").statusCode(200);

        step(other, "PUT", "/widgets/" + id + "/label?label=theirs").statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("saga-conflict"));
        step(other, "PUT", "/widgets/" + id + "/count?delta=1").statusCode(409)
                .body("type", equalTo("saga-conflict"));
        given().put("/widgets/" + id + "/plain-label?label=outside").then().statusCode(409)
                .body("type", equalTo("saga-conflict"));
        given().get("/widgets/" + id).then().body("label", equalTo("mine"), "count", equalTo(0));

        coordinator().close(holder);
        awaitStatus(holder, "Completed");
        step(other, "PUT", "/widgets/" + id + "/label?label=theirs").statusCode(200);
        coordinator().cancel(other);
        awaitStatus(other, "Compensated");
        given().get("/widgets/" + id).then().body("label", equalTo("mine"));
    }

    @Test
    void aCompensationThatWouldOverwriteAnotherChangeFailsAndOverwritesNothing() {
        String id = seed("original", 0);
        URI lra = newLra();
        step(lra, "PUT", "/widgets/" + id + "/label?label=saga").statusCode(200);
        // A change behind the runtime's back (plain SQL bypasses the capture and the locks).
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update Widget set label = 'manual fix' where id = ?1")
                .setParameter(1, id).executeUpdate());

        coordinator().cancel(lra);

        awaitStatus(lra, "FailedToCompensate");
        given().get("/widgets/" + id).then().body("label", equalTo("manual fix"));
        assertEquals("FailedToCompensate", participantStatus(lra));
        // why, for the operator: the field that changed, as the coordinator's admin API shows it
        given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).get("/lra-saga/participant/status").then()
                .statusCode(200).body(equalTo("FailedToCompensate"))
                .header("Lra-Saga-Failure-Reason", equalTo(Widget.class.getName() + " " + id
                        + ".label is manual fix, changed since the saga set it to saga"));
        await().atMost(Duration.ofSeconds(15)).until(() -> coordinator().status(lra).equals("gone")
                || coordinator().status(lra).equals("FailedToCancel"));

        // The operator repairs the row (the saga's value back, so its undo applies) and retries.
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update Widget set label = 'saga' where id = ?1")
                .setParameter(1, id).executeUpdate());
        String retried = coordinator().retry(lra);
        assertEquals(true, retried.contains("\"status\":\"Cancelled\""), retried);
        assertEquals("Compensated", participantStatus(lra));
        given().get("/widgets/" + id).then().body("label", equalTo("original"));
    }

    @Test
    void aFailedLraCanBeForgottenAfterRepairButARunningOneCannot() {
        String id = seed("original", 0);
        URI running = newLra();
        step(running, "PUT", "/widgets/" + id + "/count?delta=1").statusCode(200);
        given().header(LRA_HTTP_CONTEXT_HEADER, running.toASCIIString()).delete("/lra-saga/participant/forget")
                .then().statusCode(410);
        assertEquals("Active", participantStatus(running));
        coordinator().cancel(running);
        awaitStatus(running, "Compensated");
        given().get("/widgets/" + id).then().body("count", equalTo(0));
    }
}
