package io.lrasaga.chaos;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.lrasaga.launcher.JsonHttp;
import io.lrasaga.launcher.JsonHttp.Reply;

/**
 * Places the orders open loop: order {@code n} is sent {@code n / rate} seconds after the
 * start, whatever happened to the ones before, by a pool of client threads. Like a real
 * client, one that gets no order back (no answer, a connection refused, a 5xx without an
 * order, "key still in use") tries again with the same Idempotency-Key after a pause, until
 * it gets an answer that names the order or its deadline passes.
 */
final class OrderLoad implements AutoCloseable {

    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final String ordersUrl;
    private final List<PlacedOrder> orders;
    private final double rate;
    private final JsonHttp http;
    private final ScheduledExecutorService clients;
    private final Map<String, LongAdder> attemptsWithoutOrder = new ConcurrentHashMap<>();
    private volatile Instant giveUpAt = Instant.MAX;

    OrderLoad(String ordersUrl, List<PlacedOrder> orders, ChaosSettings settings) {
        this.ordersUrl = ordersUrl;
        this.orders = orders;
        this.rate = settings.rate();
        this.http = new JsonHttp(settings.requestTimeout());
        this.clients = Executors.newScheduledThreadPool(settings.clients());
    }

    void start() {
        long periodNanos = (long) (1_000_000_000L / rate);
        for (PlacedOrder order : orders) {
            clients.schedule(() -> attempt(order), order.number * periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** From now on, an order still without an answer at {@code deadline} is given up. */
    void giveUpAt(Instant deadline) {
        giveUpAt = deadline;
    }

    boolean done() {
        return orders.stream().allMatch(PlacedOrder::done);
    }

    /** Attempts that brought no order back, by why. */
    Map<String, Long> attemptsWithoutOrder() {
        Map<String, Long> counts = new TreeMap<>();
        attemptsWithoutOrder.forEach((why, count) -> counts.put(why, count.sum()));
        return counts;
    }

    private void attempt(PlacedOrder order) {
        order.attempts.incrementAndGet();
        String failure;
        try {
            Reply reply = http.post(ordersUrl + "/orders", order.request, Map.of("Idempotency-Key", order.key));
            String id = reply.text("id");
            String type = reply.status() == 201 ? null : problemType(reply);
            if (id != null && !"idempotency-key-in-use".equals(type)) {
                order.answered(new PlacedOrder.Answer(reply.status(), type, id));
                return;
            }
            if (reply.status() >= 400 && reply.status() < 500 && !"idempotency-key-in-use".equals(type)) {
                // Refused before any order existed: final, and reported as a client error.
                order.answered(new PlacedOrder.Answer(reply.status(), type, null));
                count("refused without an order: " + reply.status() + " " + type);
                return;
            }
            failure = reply.status() + (type == null ? "" : " " + type);
        } catch (UncheckedIOException | IllegalStateException e) {
            failure = "no answer (" + rootCause(e).getClass().getSimpleName() + ")";
        }
        count(failure);
        if (Instant.now().plus(RETRY_PAUSE).isBefore(giveUpAt)) {
            clients.schedule(() -> attempt(order), RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            order.gaveUp();
        }
    }

    private void count(String why) {
        attemptsWithoutOrder.computeIfAbsent(why, w -> new LongAdder()).increment();
    }

    private static String problemType(Reply reply) {
        String type = reply.text("type");
        return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
