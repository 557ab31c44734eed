package io.lrasaga.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator. Closed loop ({@link #run}): {@code concurrency} clients, each with its own
 * kept-alive connection, each sending the next order as soon as the previous one answered;
 * latency per order from sending to the full answer. Open loop ({@link #runAtRate}): orders sent
 * on a fixed schedule whatever the answers, latency from the scheduled send.
 */
public final class LoadGenerator {

    /** What one level produced; {@code latenciesNanos} only of successes that started in the measured window. */
    public record Level(int concurrency, long[] latenciesNanos, long measuredNanos, long warmupRequests,
            Map<Integer, Integer> failuresByStatus, List<String> orderIds, ProcessSnapshot before,
            ProcessSnapshot after) {

        public int sagas() {
            return latenciesNanos.length;
        }

        public double sagasPerSecond() {
            return measuredNanos == 0 ? 0 : sagas() * 1e9 / measuredNanos;
        }

        public int failures() {
            return failuresByStatus.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * What an open-loop run produced: its level, and for each of its latencies (same order) when
     * that order was scheduled, in nanoseconds from the measured window's opening.
     */
    public record RateRun(Level level, long[] scheduledNanos) {
    }

    /**
     * Told, on the thread that runs a closed-loop level, when its measured window opens (right
     * after the processes were sampled at its start; the clients go on sending meanwhile, so
     * this time and CPU count in the window) and when it has closed (every order sent in it has
     * answered and the processes were sampled at its end; this no longer counts).
     */
    public interface Window {

        Window NONE = new Window() {
        };

        default void opened() {
        }

        default void closed() {
        }
    }

    private static final Pattern ORDER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final int TRANSPORT_FAILURE = 0;

    /** Open loop: at most this many orders unanswered at once; the schedule waits beyond it. */
    static final int MAX_OUTSTANDING = 1024;

    private final URI orders;
    private final boolean idempotencyKeys;
    private final DataSet data;
    // One client for every level: its pool holds one kept-alive connection per busy client thread.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public LoadGenerator(BenchSystem system, DataSet data) {
        this(URI.create(system.url(io.lrasaga.launcher.App.ORDERS) + system.configuration().orderPath()),
                system.configuration().idempotencyKeys(), data);
    }

    LoadGenerator(URI orders, boolean idempotencyKeys, DataSet data) {
        this.orders = orders;
        this.idempotencyKeys = idempotencyKeys;
        this.data = data;
    }

    /**
     * Warm-up, then the measured window; the processes are sampled when the window opens and
     * when the last order started in it has answered.
     */
    public Level run(int concurrency, Duration warmup, Duration measured, List<MeasuredProcess> processes)
            throws InterruptedException {
        return run(concurrency, warmup, measured, processes, Window.NONE);
    }

    /** {@link #run(int, Duration, Duration, List)}, telling {@code window} when the measured window opens and closes. */
    public Level run(int concurrency, Duration warmup, Duration measured, List<MeasuredProcess> processes,
            Window window) throws InterruptedException {
        long start = System.nanoTime();
        long windowOpens = start + warmup.toNanos();
        long windowCloses = windowOpens + measured.toNanos();
        Queue<long[]> latencies = new ConcurrentLinkedQueue<>();
        Queue<Integer> failures = new ConcurrentLinkedQueue<>();
        Queue<String> orderIds = new ConcurrentLinkedQueue<>();
        long[] warmupCount = new long[concurrency];
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= windowCloses) {
                        break;
                    }
                    int status = send(orderIds);
                    long took = System.nanoTime() - sent;
                    if (sent < windowOpens) {
                        warmupCount[index]++;
                    } else if (status >= 200 && status < 300) {
                        if (n == mine.length) {
                            mine = java.util.Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = took;
                    } else {
                        failures.add(status);
                    }
                }
                latencies.add(java.util.Arrays.copyOf(mine, n));
            }, "bench-client-" + i);
            thread.setDaemon(true);
            clients.add(thread);
            thread.start();
        }
        sleepUntil(windowOpens);
        ProcessSnapshot before = ProcessSnapshot.take(processes);
        window.opened();
        for (Thread thread : clients) {
            thread.join();
        }
        ProcessSnapshot after = ProcessSnapshot.take(processes);
        window.closed();
        long measuredNanos = after.nanoTime() - before.nanoTime();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        failures.forEach(status -> byStatus.merge(status, 1, Integer::sum));
        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        return new Level(concurrency, all, measuredNanos, java.util.Arrays.stream(warmupCount).sum(), byStatus,
                List.copyOf(orderIds), before, after);
    }

    /**
     * Open loop: orders sent at {@code perSecond} on a fixed schedule, each on a thread of its
     * own, whether or not earlier ones have answered. Each latency runs from the order's
     * scheduled send, so a slow answer or a late send counts against the system instead of
     * delaying the next measurement (no coordinated omission). Orders scheduled in the measured
     * window are measured; the processes are sampled when the window opens and when the last of
     * them has answered.
     */
    public RateRun runAtRate(double perSecond, Duration warmup, Duration measured, List<MeasuredProcess> processes)
            throws InterruptedException {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        long windowOpens = start + warmup.toNanos();
        long windowCloses = windowOpens + measured.toNanos();
        Queue<long[]> latencies = new ConcurrentLinkedQueue<>(); // {scheduled from window opening, latency}
        Queue<Integer> failures = new ConcurrentLinkedQueue<>();
        Queue<String> orderIds = new ConcurrentLinkedQueue<>();
        Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        ExecutorService senders = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "bench-open-loop");
            thread.setDaemon(true);
            return thread;
        });
        long warmupCount = 0;
        ProcessSnapshot before = null;
        try {
            for (long i = 0;; i++) {
                long scheduled = start + Math.round(i * interval);
                if (scheduled >= windowCloses) {
                    break;
                }
                sleepUntil(scheduled);
                boolean inWindow = scheduled >= windowOpens;
                if (inWindow && before == null) {
                    before = ProcessSnapshot.take(processes);
                } else if (!inWindow) {
                    warmupCount++;
                }
                outstanding.acquire();
                senders.execute(() -> {
                    try {
                        int status = send(orderIds);
                        long took = System.nanoTime() - scheduled;
                        if (!inWindow) {
                            return;
                        }
                        if (status >= 200 && status < 300) {
                            latencies.add(new long[] {scheduled - windowOpens, took});
                        } else {
                            failures.add(status);
                        }
                    } finally {
                        outstanding.release();
                    }
                });
            }
            // Every order sent has answered once all permits are back.
            outstanding.acquire(MAX_OUTSTANDING);
        } finally {
            senders.shutdownNow();
        }
        if (before == null) {
            before = ProcessSnapshot.take(processes);
        }
        ProcessSnapshot after = ProcessSnapshot.take(processes);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        failures.forEach(status -> byStatus.merge(status, 1, Integer::sum));
        List<long[]> answered = List.copyOf(latencies);
        Level level = new Level(0, answered.stream().mapToLong(sample -> sample[1]).toArray(),
                after.nanoTime() - before.nanoTime(), warmupCount, byStatus, List.copyOf(orderIds), before, after);
        return new RateRun(level, answered.stream().mapToLong(sample -> sample[0]).toArray());
    }

    /** Sends one order; its id (also of a refused order that has one) goes to {@code orderIds}. */
    private int send(Queue<String> orderIds) {
        HttpRequest.Builder request = HttpRequest.newBuilder(orders).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data.randomOrder()));
        if (idempotencyKeys) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher id = ORDER_ID.matcher(response.body());
            if (id.find()) {
                orderIds.add(id.group(1));
            }
            return response.statusCode();
        } catch (IOException e) {
            return TRANSPORT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TRANSPORT_FAILURE;
        }
    }

    // Waiting for a point in time of the schedule, not for another thread's work.
    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
