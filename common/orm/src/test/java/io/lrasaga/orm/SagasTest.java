package io.lrasaga.orm;

import static io.lrasaga.testing.ParticipantEndpoints.participantStatus;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lrasaga.participant.SagaConflictException;
import io.lrasaga.saga.SagaCompensatedException;
import io.lrasaga.saga.Sagas;
import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The Java saga API against the real coordinator: a lambda's steps (calls of this test
 * application's compensable widget endpoints) commit on return, are compensated on an
 * exception, and the whole lambda runs again after a saga-conflict.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class SagasTest {

    @Inject
    Sagas sagas;

    private static String newId() {
        return "s-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response create(URI lra, String id, String label) {
        return given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).post("/widgets/" + id + "?label=" + label);
    }

    private static Response relabel(URI lra, String id, String label) {
        return given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .put("/widgets/" + id + "/label?label=" + label);
    }

    /** What a REST client of a compensable step does with a refusal: an exception naming the problem. */
    private static void require200(Response response, String id) {
        if (response.statusCode() == 409 && response.asString().contains("saga-conflict")) {
            throw new SagaConflictException("Widget", id);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("step answered " + response.statusCode() + ": " + response.asString());
        }
    }

    @Test
    void aLambdaThatReturnsCommitsItsSteps() {
        String id = newId();

        URI lra = sagas.run(saga -> {
            require200(create(saga.lraId(), id, "committed"), id);
            return saga.lraId();
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> participantStatus(lra).equals("Completed"));
        given().get("/widgets/" + id).then().statusCode(200).body("label", equalTo("committed"));
    }

    @Test
    void aLambdaThatThrowsIsCompensatedAndFailsBeforeCommit() {
        String id = newId();
        IllegalArgumentException cause = new IllegalArgumentException("business rule broken");

        SagaCompensatedException failed = assertThrows(SagaCompensatedException.class, () -> sagas.run(saga -> {
            require200(create(saga.lraId(), id, "undone"), id);
            throw cause;
        }));

        assertSame(cause, failed.getCause());
        assertTrue(failed.fullyCompensated());
        assertEquals(1, failed.attempts());
        await().atMost(Duration.ofSeconds(15)).until(() -> participantStatus(failed.lraId()).equals("Compensated"));
        given().get("/widgets/" + id).then().statusCode(404);
    }

    @Test
    void aConflictRunsTheWholeLambdaAgainInANewLra() {
        String id = newId();
        Coordinator coordinator = Coordinator.ofServiceUnderTest();
        URI blocker = coordinator.start("sagas-test-blocker", Duration.ofMinutes(1));
        create(blocker, id, "held").then().statusCode(200);
        String other = newId();
        List<URI> runs = new ArrayList<>();

        int attempts = sagas.run(saga -> {
            runs.add(saga.lraId());
            require200(create(saga.lraId(), other, "first-step"), other);
            Response touched = relabel(saga.lraId(), id, "mine");
            if (saga.attempt() == 1) {
                assertEquals(409, touched.statusCode(), touched.asString());
                coordinator.close(blocker); // the other saga ends; the next run gets the row
            }
            require200(touched, id);
            return saga.attempt();
        });

        assertEquals(2, attempts);
        assertFalse(runs.get(0).equals(runs.get(1)), "each run has its own LRA");
        await().atMost(Duration.ofSeconds(15)).until(() -> participantStatus(runs.get(0)).equals("Compensated"));
        given().get("/widgets/" + id).then().body("label", equalTo("mine"));
        given().get("/widgets/" + other).then().statusCode(200).body("label", equalTo("first-step"));
    }

    @Test
    void aLastingConflictGivesUpAfterTheConfiguredRuns() {
        String id = newId();
        Coordinator coordinator = Coordinator.ofServiceUnderTest();
        URI blocker = coordinator.start("sagas-test-blocker", Duration.ofMinutes(1));
        create(blocker, id, "held").then().statusCode(200);
        try {
            SagaCompensatedException failed = assertThrows(SagaCompensatedException.class,
                    () -> sagas.run(saga -> {
                        require200(relabel(saga.lraId(), id, "never"), id);
                        return null;
                    }));
            assertEquals(3, failed.attempts());
            assertTrue(failed.getCause() instanceof SagaConflictException);
        } finally {
            coordinator.cancel(blocker);
        }
    }
}
