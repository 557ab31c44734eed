package io.lrasaga.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A reverse proxy in front of one participant service, through which the coordinator makes
 * its callbacks (the participant registers the proxy as its base URI). Everything passes
 * through, except one armed callback: it is held until the test has done what it wants at
 * that instant (kill the coordinator, kill the participant), and then answered 503 as a lost
 * call would look to the coordinator — either before the participant saw it
 * ({@link Mode#DROP}) or after the participant carried it out ({@link Mode#FORWARD_THEN_LOSE}).
 */
final class CallbackGate implements AutoCloseable {

    enum Mode {
        DROP,
        FORWARD_THEN_LOSE
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String target;
    private volatile Armed armed;

    private record Armed(String pathSuffix, Mode mode, CountDownLatch arrived, CountDownLatch release) {
    }

    CallbackGate(int port, String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Holds the next call whose path ends with {@code pathSuffix} (e.g. "/compensate"). */
    void arm(String pathSuffix, Mode mode) {
        armed = new Armed(pathSuffix, mode, new CountDownLatch(1), new CountDownLatch(1));
    }

    /** Waits until the armed call is being held. */
    void awaitHeld(Duration timeout) throws InterruptedException {
        if (!armed.arrived().await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no " + armed.pathSuffix() + " call reached the gate within " + timeout);
        }
    }

    /** Lets the held call go on (as its mode says); later calls pass through. */
    void release() {
        Armed current = armed;
        armed = null;
        if (current != null) {
            current.release().countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            relay(exchange);
        } catch (IOException | RuntimeException e) {
            System.err.println("callback gate: " + exchange.getRequestURI() + ": " + e);
            throw e;
        }
    }

    private void relay(HttpExchange exchange) throws IOException {
        {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Armed current = armed;
            if (current != null && exchange.getRequestURI().getPath().endsWith(current.pathSuffix())
                    && current.arrived().getCount() > 0) {
                current.arrived().countDown();
                awaitQuietly(current.release());
                if (current.mode() == Mode.FORWARD_THEN_LOSE) {
                    forward(exchange, body);
                }
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (response == null) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) {
        URI uri = URI.create(target + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
