package io.lrasaga.clientpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool seen from a server: clients built and closed per call, as Narayana does, arrive on
 * one kept-alive connection; without the pool each call is a new connection. Every client here
 * is a client of its own (RESTEasy's builder), as without {@link SharedClientBuilder}.
 */
class SharedConnectionPoolTest {

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final CountDownLatch releaseSlowAnswer = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callback", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "Completed".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                releaseSlowAnswer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseSlowAnswer.countDown();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private int callWithNewClient(ClientBuilder builder) {
        Client client = builder.build();
        try (Response response = client.target(uri("/callback")).request().put(Entity.text(""))) {
            return response.getStatus();
        } finally {
            client.close();
        }
    }

    @Test
    void clientsBuiltAndClosedPerCallReuseOneConnection() {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, callWithNewClient(new ResteasyClientBuilderImpl()));
        }
        assertEquals(1, clientPorts.size(), "connections used by 20 calls: " + clientPorts);
    }

    @Test
    void answersLeftUnreadAreReleasedWhenTheirClientCloses() {
        // As Narayana's LRA client does for some calls: look at the status, never close the answer.
        SharedConnectionPool small = new SharedConnectionPool(new PoolSettings(true, true, 2, 2, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(1)));
        SharedConnectionPool previous = SharedConnectionPool.replace(small);
        try {
            for (int i = 0; i < 10; i++) {
                Client client = new ResteasyClientBuilderImpl().build();
                try {
                    assertEquals(200, client.target(uri("/callback")).request().put(Entity.text("")).getStatus());
                } finally {
                    client.close();
                }
            }
        } finally {
            SharedConnectionPool.replace(previous);
            small.close();
        }
        assertTrue(clientPorts.size() <= 2, "connections: " + clientPorts);
    }

    @Test
    void withThePoolOffEveryClientOpensItsOwnConnection() {
        SharedConnectionPool previous = SharedConnectionPool.replace(new SharedConnectionPool(
                new PoolSettings(false, true, 256, 64, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1))));
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, callWithNewClient(new ResteasyClientBuilderImpl()));
            }
        } finally {
            SharedConnectionPool.replace(previous);
        }
        assertEquals(5, clientPorts.size());
    }

    @Test
    void aClientsOwnReadTimeoutStillApplies() {
        Client client = new ResteasyClientBuilderImpl().readTimeout(300, TimeUnit.MILLISECONDS).build();
        try {
            ProcessingException timedOut = assertThrows(ProcessingException.class,
                    () -> client.target(uri("/slow")).request().get().close());
            assertTrue(timedOut.getCause() instanceof java.net.SocketTimeoutException, timedOut.toString());
        } finally {
            client.close();
        }
    }

    @Test
    void aPeerThatRestartedOnTheSamePortIsReachedAgain() throws IOException {
        // The kept-alive connection died with the old server; the check of a connection idle
        // for longer than validate-after-inactivity (1 ms here, a restart takes longer) replaces it.
        SharedConnectionPool quick = new SharedConnectionPool(new PoolSettings(true, true, 256, 64, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofMillis(1)));
        SharedConnectionPool previous = SharedConnectionPool.replace(quick);
        try {
            assertEquals(200, callWithNewClient(new ResteasyClientBuilderImpl()));
            int restartedPort = server.getAddress().getPort();
            server.stop(0);
            startServerOn(restartedPort);
            assertEquals(200, callWithNewClient(new ResteasyClientBuilderImpl()));
        } finally {
            SharedConnectionPool.replace(previous);
            quick.close();
        }
    }

    @Test
    void answersOnThePoolAreNotFinalizable() {
        // RESTEasy's finalizable answers kept every answer of the last seconds alive through each
        // young collection: 78 ms of a 119 ms pause in orders under load.
        Client client = new ResteasyClientBuilderImpl().build();
        try (Response response = client.target(uri("/callback")).request().put(Entity.text(""))) {
            assertEquals(200, response.getStatus());
            assertEquals("Completed", response.readEntity(String.class));
            for (Class<?> type = response.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                    assertFalse(method.getName().equals("finalize") && method.getParameterCount() == 0,
                            type.getName() + " declares finalize()");
                }
            }
        } finally {
            client.close();
        }
    }

    @Test
    void anAnswerNobodyClosesFreesItsConnectionOnceUnreachable() {
        SharedConnectionPool single = new SharedConnectionPool(new PoolSettings(true, true, 1, 1, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(1)));
        SharedConnectionPool previous = SharedConnectionPool.replace(single);
        // A long-lived client, as a MicroProfile REST client is: closing it is not what frees the connection.
        Client client = new ResteasyClientBuilderImpl().connectTimeout(300, TimeUnit.MILLISECONDS).build();
        try {
            assertEquals(200, statusLeftOpen(client));
            assertThrows(ProcessingException.class, () -> client.target(uri("/callback")).request()
                    .put(Entity.text("")).close(), "the only connection is held by the answer left open");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean freed = false;
            while (!freed && System.nanoTime() < deadline) {
                System.gc();
                // each try waits up to 300 ms for the pool's connection
                try (Response again = client.target(uri("/callback")).request().put(Entity.text(""))) {
                    freed = again.getStatus() == 200;
                } catch (ProcessingException stillHeld) {
                    freed = false;
                }
            }
            assertTrue(freed, "the connection of the unreachable answer was not freed within 30 s");
        } finally {
            client.close();
            SharedConnectionPool.replace(previous);
            single.close();
        }
    }

    // Its own method, so that nothing on the test's stack keeps the answer reachable.
    private int statusLeftOpen(Client client) {
        return client.target(uri("/callback")).request().put(Entity.text("")).getStatus();
    }

    private void startServerOn(int port) throws IOException {
        HttpServer restarted = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        restarted.createContext("/callback", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        restarted.start();
        server = restarted;
    }
}
