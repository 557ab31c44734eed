package io.lrasaga.launcher;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A reverse proxy in front of one application (a participant service, or the coordinator's LRA
 * API) for fault tests. Everything passes through, except one armed request: it is held until
 * the test has done what it wants at that instant (kill a process, change a row), and then
 * {@link Mode#DROP dropped} (answered 503 as a lost call would look, the target never sees it),
 * {@link Mode#FORWARD_THEN_LOSE carried out with its answer lost} (503), or
 * {@link Mode#FORWARD passed on} normally. A caller that gave up waiting meanwhile has its
 * request carried out late, as a slow network would do.
 *
 * <p>With {@code preserveHost} the target sees the client's {@code Host} header, as behind an
 * ingress or a load balancer: the coordinator then names its LRAs after the proxy, so every later
 * call on them (join, status, close) passes the proxy too. The JDK's HTTP client sends a
 * {@code Host} header only with {@code -Djdk.httpclient.allowRestrictedHeaders=host}.
 */
public final class HoldingProxy implements AutoCloseable {

    public enum Mode {
        DROP,
        FORWARD_THEN_LOSE,
        FORWARD
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String target;
    private final boolean preserveHost;
    private volatile Armed armed;

    private record Armed(String pathSuffix, Mode mode, CountDownLatch arrived, CountDownLatch release) {
    }

    public HoldingProxy(int port, String target) throws IOException {
        this(port, target, false);
    }

    public HoldingProxy(int port, String target, boolean preserveHost) throws IOException {
        if (preserveHost && !System.getProperty("jdk.httpclient.allowRestrictedHeaders", "").contains("host")) {
            throw new IllegalStateException("a proxy that keeps the Host header needs the JVM started with "
                    + "-Djdk.httpclient.allowRestrictedHeaders=host");
        }
        this.target = target;
        this.preserveHost = preserveHost;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Holds the next request whose path ends with {@code pathSuffix} (e.g. "/compensate", "/close"). */
    public void arm(String pathSuffix, Mode mode) {
        armed = new Armed(pathSuffix, mode, new CountDownLatch(1), new CountDownLatch(1));
    }

    /** Waits until the armed request is being held. */
    public void awaitHeld(Duration timeout) throws InterruptedException {
        Armed current = armed;
        if (current == null) {
            throw new IllegalStateException("nothing is armed");
        }
        if (!current.arrived().await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no " + current.pathSuffix() + " request reached the proxy within " + timeout);
        }
    }

    /** Lets the held request go on (as its mode says); later requests pass through. */
    public void release() {
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
            System.err.println("holding proxy: " + exchange.getRequestURI() + ": " + e);
            throw e;
        }
    }

    private void relay(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Armed current = armed;
        if (current != null && exchange.getRequestURI().getPath().endsWith(current.pathSuffix())
                && current.arrived().getCount() > 0) {
            current.arrived().countDown();
            awaitQuietly(current.release());
            if (current.mode() == Mode.DROP) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (current.mode() == Mode.FORWARD_THEN_LOSE) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            answer(exchange, response);
            return;
        }
        answer(exchange, forward(exchange, body));
    }

    private static void answer(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
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

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) {
        URI uri = URI.create(target + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase();
            if (!HOP_BY_HOP.contains(name) || (preserveHost && name.equals("host"))) {
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
        threads.shutdownNow();
    }
}
