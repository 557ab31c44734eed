package io.lrasaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The closed loop's measured window, and the open loop against a stand-in orders endpoint that answers one order at a time: it keeps
 * its schedule whatever the answers, and charges the queue it builds to the latencies.
 */
class LoadGeneratorTest {

    private HttpServer server;
    private ExecutorService handler;
    private final AtomicInteger answered = new AtomicInteger();

    /** Answers every order after {@code millis}, one at a time. */
    private LoadGenerator ordersAnsweringIn(long millis) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(millis); // the stand-in's service time, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"id\":\"order-" + answered.incrementAndGet() + "\"}").getBytes();
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        handler = Executors.newSingleThreadExecutor();
        server.setExecutor(handler);
        server.start();
        URI orders = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
        return new LoadGenerator(orders, false, new DataSet());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handler.shutdownNow();
    }

    @Test
    void aSystemThatKeepsUpAnswersEveryScheduledOrderAtItsServiceTime() throws Exception {
        LoadGenerator generator = ordersAnsweringIn(5);
        LoadGenerator.RateRun run = generator.runAtRate(20, Duration.ofMillis(200), Duration.ofSeconds(1), List.of());
        LoadGenerator.Level level = run.level();
        // 20 a second for one second, scheduled every 50 ms: 20 measured, 4 in the warm-up.
        assertEquals(20, level.sagas());
        // each latency knows when its order was scheduled: 0, 50, ... 950 ms into the window
        assertEquals(20, run.scheduledNanos().length);
        assertEquals(java.util.stream.LongStream.range(0, 20).map(i -> i * 50).boxed().toList(),
                java.util.Arrays.stream(run.scheduledNanos()).map(n -> Math.round(n / 1e6)).sorted().boxed().toList());
        assertEquals(4, level.warmupRequests());
        assertEquals(24, level.orderIds().size());
        assertEquals(0, level.failures());
        long p50 = new Percentiles(level.latenciesNanos()).at(50);
        assertTrue(p50 >= 5_000_000 && p50 < 45_000_000, "p50 " + p50 / 1e6 + " ms");
    }

    @Test
    void aSystemThatFallsBehindIsChargedForTheQueueNotJustItsServiceTime() throws Exception {
        // 20 offered a second to a server that answers 10: the queue grows by one order every
        // 100 ms; a closed loop would report 100 ms for every order.
        LoadGenerator generator = ordersAnsweringIn(100);
        LoadGenerator.Level level = generator.runAtRate(20, Duration.ZERO, Duration.ofSeconds(1), List.of()).level();
        assertEquals(20, level.sagas(), "every scheduled order is sent and answered");
        long p99 = new Percentiles(level.latenciesNanos()).at(99);
        // The last order, scheduled at 950 ms, is answered after the 19 before it, at about 2 s:
        // about 1 s from its scheduled send.
        assertTrue(p99 > 800_000_000L, "p99 " + p99 / 1e6 + " ms");
        // Answers arrive at the server's pace, not at the offered rate.
        assertTrue(level.sagasPerSecond() < 12, "answered " + level.sagasPerSecond() + " a second");
    }

    @Test
    void theWindowOpensAfterTheWarmUpAndClosesOnceEveryOrderSentHasAnswered() throws Exception {
        LoadGenerator generator = ordersAnsweringIn(5);
        List<String> calls = new java.util.ArrayList<>();
        long[] openedAfterNanos = new long[1];
        int[] answeredWhenClosed = new int[1];
        long start = System.nanoTime();
        LoadGenerator.Level level = generator.run(2, Duration.ofMillis(300), Duration.ofMillis(500), List.of(),
                new LoadGenerator.Window() {
                    @Override
                    public void opened() {
                        calls.add("opened");
                        openedAfterNanos[0] = System.nanoTime() - start;
                    }

                    @Override
                    public void closed() {
                        calls.add("closed");
                        answeredWhenClosed[0] = answered.get();
                    }
                });
        assertEquals(List.of("opened", "closed"), calls);
        assertTrue(openedAfterNanos[0] >= 300_000_000L, "opened after " + openedAfterNanos[0] / 1e6 + " ms");
        assertTrue(level.warmupRequests() > 0 && level.sagas() > 0, level.warmupRequests() + " + " + level.sagas());
        // Warm-up and measured orders alike had all been answered, and no more were sent after.
        assertEquals(level.orderIds().size(), answeredWhenClosed[0]);
        assertEquals(answeredWhenClosed[0], answered.get());
    }
}
