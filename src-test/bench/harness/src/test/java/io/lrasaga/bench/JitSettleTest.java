package io.lrasaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

/** The JIT's share of the run's CPU, and settling stops once a step is under the limit. */
class JitSettleTest {

    private static final long HZ = ProcFs.ticksPerSecond();

    @Test
    void theShareIsTheCompilerThreadsPartOfEveryProcessesCpu() {
        ProcessSnapshot before = snapshot(0, 0, 0);
        // orders used 6 s of CPU, 3 of them compiling; postgresql 4 s: 3 of 10
        ProcessSnapshot after = snapshot(6 * HZ, 3 * HZ, 4 * HZ);
        assertEquals(0.3, JitSettle.share(before, after), 1e-9);
        assertEquals(0.0, JitSettle.share(before, before), "no CPU used: nothing compiled");
    }

    @Test
    void theReportSaysHowLongItTookAndWhetherTheLimitWasMet() {
        assertEquals("JIT settling: 45 s more warm-up; the JIT used 2.4 % of the CPU in the last 15 s (limit 3.0 %)",
                new JitSettle.Outcome(Duration.ofSeconds(45), 0.024, true, 0.03, JitSettle.STEP).describe());
        assertEquals("JIT settling: 900 s more warm-up; the JIT used 7.0 % of the CPU in the last 15 s (limit 3.0 %,"
                + " not reached within --jit-settle-max)",
                new JitSettle.Outcome(Duration.ofSeconds(900), 0.07, false, 0.03, JitSettle.STEP).describe());
    }

    @Test
    void aStepUnderTheLimitEndsSettlingAndItsOrdersAreKept() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger answered = new AtomicInteger();
        server.createContext("/orders", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"id\":\"order-" + answered.incrementAndGet() + "\"}").getBytes();
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ExecutorService handler = Executors.newSingleThreadExecutor();
        server.setExecutor(handler);
        server.start();
        try {
            LoadGenerator generator = new LoadGenerator(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders"), false, new DataSet());
            List<String> orders = new ArrayList<>();
            List<String> progress = new ArrayList<>();
            // no measured process compiles anything: the first step is under any limit
            JitSettle.Outcome outcome = JitSettle.run(generator, 2, List.of(), 0.03, Duration.ofMinutes(5),
                    Duration.ofMillis(300), orders::addAll, progress::add);
            assertTrue(outcome.settled());
            assertEquals(1, progress.size(), "one step: " + progress);
            assertFalse(orders.isEmpty());
            assertEquals(answered.get(), orders.size(), "every answered order is kept for the invariants");
            assertTrue(outcome.added().compareTo(Duration.ofMinutes(1)) < 0, "took " + outcome.added());
        } finally {
            server.stop(0);
            handler.shutdownNow();
        }
    }

    private static ProcessSnapshot snapshot(long ordersTicks, long ordersJitTicks, long postgresTicks) {
        return new ProcessSnapshot(0,
                Map.of("orders", new ProcFs.CpuTicks(ordersTicks, 0, 0, 0), "postgresql",
                        new ProcFs.CpuTicks(0, postgresTicks, 0, 0)),
                Map.of("orders", ordersJitTicks, "postgresql", 0L), Map.of("orders", 0L, "postgresql", 0L));
    }
}
