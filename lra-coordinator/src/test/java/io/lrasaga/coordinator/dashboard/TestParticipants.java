package io.lrasaga.coordinator.dashboard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Real LRA participants over HTTP for the packaged coordinator to call back:
 * {@code /participants/<name>/compensate|complete|status}. Each name answers by its mode:
 * {@code ok} (200 Compensated/Completed) or {@code unavailable} (503: the coordinator keeps
 * the LRA Cancelling/Closing and retries on a recovery pass).
 */
final class TestParticipants implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> modes = new ConcurrentHashMap<>();
    private final Map<String, String> done = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    TestParticipants(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/participants/", this::handle);
        server.start();
    }

    String url(String name, String mode) {
        modes.put(name, mode);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/participants/" + name;
    }

    void mode(String name, String mode) {
        modes.put(name, mode);
    }

    /** "name callback" for every call received, e.g. "p-1 compensate". */
    List<String> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        String name = path.length > 2 ? path[2] : "";
        String callback = path.length > 3 ? path[3] : "";
        calls.add(name + " " + callback);
        String mode = modes.getOrDefault(name, "ok");
        switch (callback) {
            case "compensate" -> end(exchange, name, mode, "Compensated");
            case "complete" -> end(exchange, name, mode, "Completed");
            // 410: finished and forgotten; 503: ask later; 404: unknown, so call compensate/complete again
            case "status" -> reply(exchange, done.containsKey(name) ? 410 : "unavailable".equals(mode) ? 503 : 404, "");
            default -> reply(exchange, 200, "");
        }
    }

    private void end(HttpExchange exchange, String name, String mode, String outcome) throws IOException {
        if ("unavailable".equals(mode)) {
            reply(exchange, 503, "");
            return;
        }
        done.put(name, outcome);
        reply(exchange, 200, outcome);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
