package io.lrasaga.inventory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lrasaga.testing.BadRequest;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trusted coordinator that accepts connections and never answers: the service's calls to it
 * (join, callback confirmation) give up after {@code coordinator-timeout-millis} with a 503
 * problem, store nothing, and other requests are served meanwhile.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
@WithTestResource(SlowCoordinatorTest.HungCoordinator.class)
class SlowCoordinatorTest {

    private static final String SKU = "slow-sku";

    /** Accepts connections, reads nothing, answers nothing; trusted with a 1 s timeout. */
    public static class HungCoordinator implements QuarkusTestResourceLifecycleManager {

        static final List<Socket> ACCEPTED = new CopyOnWriteArrayList<>();
        private ServerSocket server;

        @Override
        public Map<String, String> start() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        ACCEPTED.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hung-coordinator");
            acceptor.setDaemon(true);
            acceptor.start();
            String hung = "http://127.0.0.1:" + server.getLocalPort() + "/lra-coordinator";
            return Map.of("lra-saga.test.hung-coordinator", hung,
                    // The real coordinator stays trusted (it is what quarkus.lra.coordinator-url names).
                    "lra-saga.participant.trusted-coordinators", "${quarkus.lra.coordinator-url}," + hung,
                    "lra-saga.participant.coordinator-timeout-millis", "1000");
        }

        @Override
        public void stop() {
            try {
                for (Socket socket : ACCEPTED) {
                    socket.close();
                }
                if (server != null) {
                    server.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String hungLra() {
        return ConfigProvider.getConfig().getValue("lra-saga.test.hung-coordinator", String.class) + "/0_ffff_1_"
                + System.nanoTime();
    }

    @BeforeEach
    void aProduct() {
        if (given().get("/products/" + SKU).statusCode() == 404) {
            given().contentType(ContentType.JSON).body("{\"sku\":\"" + SKU + "\",\"name\":\"T\",\"price\":1,\"stock\":10}")
                    .post("/products").then().statusCode(201);
        }
    }

    private static String state() {
        return QuarkusTransaction.requiringNew().call(() -> Product.<Product>findById(SKU).stock + " reservations="
                + Reservation.count());
    }

    private static void serving() {
        given().get("/products/" + SKU).then().statusCode(200).body("sku", equalTo(SKU));
    }

    @Test
    void aStepWhoseCoordinatorHangsIsA503AndTakesNothing() {
        BadRequest.post("/reservations", "a join the coordinator never answers",
                "{\"sku\":\"" + SKU + "\",\"quantity\":1}", 503, "coordinator-unavailable", null)
                .header(LRA_HTTP_CONTEXT_HEADER, hungLra())
                .assertRefusedChangingNothing(SlowCoordinatorTest::state, SlowCoordinatorTest::serving);
    }

    @Test
    void aCallbackTheCoordinatorCannotConfirmIsA503AndChangesNothing() {
        BadRequest.call("PUT", "/lra-saga/participant/compensate", "a confirmation the coordinator never answers",
                503, "coordinator-unavailable", null)
                .header(LRA_HTTP_CONTEXT_HEADER, hungLra())
                .assertRefusedChangingNothing(SlowCoordinatorTest::state, SlowCoordinatorTest::serving);
    }

    @Test
    void otherRequestsAreServedWhileStepsWaitForTheCoordinator() {
        String before = state();
        int acceptedBefore = HungCoordinator.ACCEPTED.size();
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                    .header(LRA_HTTP_CONTEXT_HEADER, hungLra()).body("{\"sku\":\"" + SKU + "\",\"quantity\":1}")
                    .post("/reservations").statusCode()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> HungCoordinator.ACCEPTED.size() > acceptedBefore);
        serving();
        for (CompletableFuture<Integer> step : waiting) {
            assertEquals(503, step.join());
        }
        assertEquals(before, state());
    }
}
