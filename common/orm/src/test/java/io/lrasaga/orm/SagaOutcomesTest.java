package io.lrasaga.orm;

import static io.lrasaga.testing.ParticipantEndpoints.participantStatus;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.lrasaga.launcher.HoldingProxy;
import io.lrasaga.orm.testapp.Widget;
import io.lrasaga.saga.SagaCompensatedException;
import io.lrasaga.saga.SagaOutcomeUnknownException;
import io.lrasaga.saga.Sagas;
import io.lrasaga.testing.PostgresResource;
import io.lrasaga.testing.ProxiedCoordinatorResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * The two ways {@link Sagas#run} can fail, as a user meets them, against the real coordinator
 * reached through a holding proxy: a step that fails before the commit point
 * ({@link SagaCompensatedException}: the earlier steps really are undone, or
 * {@code fullyCompensated()} says they could not be), and a close whose answer is lost
 * ({@link SagaOutcomeUnknownException}: the saga really did commit).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(ProxiedCoordinatorResource.class)
class SagaOutcomesTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Inject
    Sagas sagas;

    @Inject
    EntityManager entityManager;

    private static String newId() {
        return "o-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response step(URI lra, String method, String path) {
        return given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).request(method, path);
    }

    /** What a REST client of a compensable step does with an error answer: throw. */
    private static void require200(Response response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("step answered " + response.statusCode() + ": " + response.asString());
        }
    }

    @Test
    void aFailingStepCompensatesTheEarlierOnesAndFailsBeforeCommit() {
        String created = newId();

        SagaCompensatedException failed = assertThrows(SagaCompensatedException.class, () -> sagas.run(saga -> {
            require200(step(saga.lraId(), "POST", "/widgets/" + created + "?label=first"));
            require200(step(saga.lraId(), "PUT", "/widgets/" + newId() + "/label?label=nowhere")); // 404
            return null;
        }));

        assertTrue(failed.getCause().getMessage().contains("404"), failed.getCause().getMessage());
        assertTrue(failed.fullyCompensated());
        await().atMost(SETTLE).until(() -> participantStatus(failed.lraId()).equals("Compensated"));
        given().get("/widgets/" + created).then().statusCode(404);
    }

    @Test
    void aCompensationThatCannotFinishIsReportedAsNotFullyCompensated() {
        String id = newId();
        QuarkusTransaction.requiringNew().run(() -> {
            Widget widget = new Widget();
            widget.id = id;
            widget.label = "original";
            widget.persist();
        });

        SagaCompensatedException failed = assertThrows(SagaCompensatedException.class, () -> sagas.run(saga -> {
            require200(step(saga.lraId(), "PUT", "/widgets/" + id + "/label?label=saga"));
            // Another writer changes the row behind the runtime's back before the saga fails.
            QuarkusTransaction.requiringNew().run(() -> entityManager
                    .createNativeQuery("update Widget set label = 'outside' where id = ?1")
                    .setParameter(1, id).executeUpdate());
            throw new IllegalStateException("business rule broken");
        }));

        assertFalse(failed.fullyCompensated(), failed.getMessage());
        assertNotNull(failed.lraId());
        assertTrue(participantStatus(failed.lraId()).equals("FailedToCompensate"));
        given().get("/widgets/" + id).then().body("label", equalTo("outside"));
    }

    @Test
    void aCloseWhoseAnswerIsLostIsOutcomeUnknownThoughTheSagaCommitted() {
        String id = newId();
        HoldingProxy coordinator = ProxiedCoordinatorResource.proxy();
        coordinator.arm("/close", HoldingProxy.Mode.FORWARD_THEN_LOSE);
        CompletableFuture<Void> releaser = CompletableFuture.runAsync(() -> {
            try {
                coordinator.awaitHeld(SETTLE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                coordinator.release();
            }
        });

        SagaOutcomeUnknownException unknown = assertThrows(SagaOutcomeUnknownException.class,
                () -> sagas.run(saga -> {
                    require200(step(saga.lraId(), "POST", "/widgets/" + id + "?label=committed"));
                    return null;
                }));
        releaser.join();

        assertNotNull(unknown.lraId(), "the exception names the saga to look up");
        await().atMost(SETTLE).until(() -> participantStatus(unknown.lraId()).equals("Completed"));
        given().get("/widgets/" + id + "?view=committed").then().statusCode(200).body("label", equalTo("committed"));
    }
}
