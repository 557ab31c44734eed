package io.lrasaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.lrasaga.e2e.OtlpCollectorStub.ReceivedSpan;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.JsonHttp;
import io.lrasaga.launcher.JsonHttp.Reply;
import io.lrasaga.launcher.LocalSystem;
import io.lrasaga.launcher.LocalSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry over real processes: the five applications export their spans over OTLP/HTTP
 * to a collector stub on loopback, and each order's saga is one trace — the order request,
 * the coordinator's start, joins and close or cancel, every participant's step, the
 * coordinator's callbacks to every participant — with {@code lra.id}
 * on the spans of every service.
 */
class TracingIT {

    private static final Duration EXPORTED = Duration.ofSeconds(90);
    private static final String COORDINATOR = "lra-coordinator";
    private static final Map<String, String> STEP_PATHS = Map.of("inventory", "/reservations", "payments", "/payments",
            "activity", "/events");

    private static OtlpCollectorStub collector;
    private static LocalSystem system;
    private static Shop shop;

    @BeforeAll
    static void startSystem() throws Exception {
        collector = OtlpCollectorStub.start();
        Path root = Path.of(System.getProperty("lra-saga.root", "../.."));
        Files.createDirectories(Path.of("target"));
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tracing-");
        system = new LocalSystem(LocalSystemConfig.defaults(root).withDataDir(data)
                .withPorts(FreePort.findRange(5), FreePort.find(), FreePort.find()))
                .withProperties(Map.of(
                        "quarkus.otel.exporter.otlp.traces.endpoint", collector.endpoint(),
                        "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                        "quarkus.otel.traces.sampler.arg", "1.0",
                        "quarkus.otel.bsp.schedule.delay", "200ms"));
        system.start();
        shop = new Shop(system, new JsonHttp());
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void aCompletedOrderIsOneTraceAcrossTheCoordinatorAndEveryService() {
        String sku = shop.product("4.00", 10);
        String customer = shop.customer("100.00");

        Reply placed = shop.order(customer, sku, 2);

        assertEquals(201, placed.status(), placed.body().toString());
        String lra = placed.text("lraId");
        assertOneTrace(lra, saga(lra, "close", "complete", List.of("inventory", "payments", "activity")),
                Set.of(COORDINATOR, "orders", "inventory", "payments", "activity"));
    }

    @Test
    void aCompensatedOrderIsOneTraceFromTheRequestToEveryCompensation() {
        String sku = shop.product("4.00", 10);
        String customer = shop.customer("5.00");

        Reply refused = shop.order(customer, sku, 2);

        assertEquals(402, refused.status(), refused.body().toString());
        String lra = refused.text("lraId");
        // The refused payment is the last step: activity is never called.
        assertOneTrace(lra, saga(lra, "cancel", "compensate", List.of("inventory", "payments")),
                Set.of(COORDINATOR, "orders", "inventory", "payments"));
    }

    /**
     * The spans a saga's trace must hold: the order request, the coordinator's start and end
     * ({@code close} or {@code cancel}), orders' own callback, each runtime participant's part,
     * and the coordinator's calls of the {@code callback} to every participant.
     */
    private static Map<String, Predicate<List<ReceivedSpan>>> saga(String lra, String end, String callback,
            List<String> participants) {
        Map<String, Predicate<List<ReceivedSpan>>> expected = new LinkedHashMap<>();
        expected.put("the order request in orders", has("orders", true, "/orders", lra));
        expected.put("the coordinator's start", has(COORDINATOR, true, "/lra-coordinator/start", lra));
        expected.put("the coordinator's " + end, has(COORDINATOR, true, lraPath(lra) + "/" + end, lra));
        expected.put("orders' " + callback + " callback", has("orders", true, "/orders/" + callback, lra));
        for (String service : participants) {
            participated(expected, service, lra, callback);
        }
        expected.put("the coordinator's " + callback + " calls to every participant",
                calls(lra, "/" + callback, participants.size() + 1));
        return expected;
    }

    /**
     * A runtime participant's part: its step, its join and the callback (confirmed by the
     * coordinator's signature on it, so no status call of its own).
     */
    private static void participated(Map<String, Predicate<List<ReceivedSpan>>> expected, String service, String lra,
            String callback) {
        expected.put(service + "'s step", has(service, true, STEP_PATHS.get(service), lra));
        expected.put(service + "'s join", has(service, false, lraPath(lra), lra));
        expected.put(service + "'s " + callback + " callback",
                has(service, true, "/lra-saga/participant/" + callback, lra));
    }

    /**
     * Waits until the saga's trace holds every expected span and exactly the expected
     * services; then no span of any service that names this LRA lies in another trace.
     */
    private static void assertOneTrace(String lra, Map<String, Predicate<List<ReceivedSpan>>> expected,
            Set<String> services) {
        await().atMost(EXPORTED).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<ReceivedSpan> trace = sagaTrace(lra);
            List<String> missing = new ArrayList<>();
            expected.forEach((what, present) -> {
                if (!present.test(trace)) {
                    missing.add(what);
                }
            });
            assertEquals(List.of(), missing, () -> "spans of the saga's trace so far:\n" + describe(trace));
        });
        List<ReceivedSpan> trace = sagaTrace(lra);
        assertEquals(services, trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet()),
                () -> describe(trace));
        List<ReceivedSpan> elsewhere = collector.spans().stream()
                .filter(s -> lra.equals(s.attribute("lra.id")) && !s.traceId().equals(trace.get(0).traceId()))
                .toList();
        assertEquals(List.of(), elsewhere, "spans of this LRA in other traces");
        assertEquals(List.of(), collector.refused(), "malformed exports");
    }

    /** The spans of the trace whose root is the order request that started the LRA. */
    private static List<ReceivedSpan> sagaTrace(String lra) {
        List<ReceivedSpan> all = collector.spans();
        return all.stream()
                .filter(s -> s.service().equals("orders") && s.isServer() && s.path().equals("/orders")
                        && lra.equals(s.attribute("lra.id")))
                .findFirst()
                .map(root -> all.stream().filter(s -> s.traceId().equals(root.traceId())).toList())
                .orElse(List.of());
    }

    private static Predicate<List<ReceivedSpan>> has(String service, boolean server, String path, String lra) {
        return spans -> spans.stream().anyMatch(s -> s.service().equals(service) && (server ? s.isServer() : s.isClient())
                && s.path().equals(path) && lra.equals(s.attribute("lra.id")));
    }

    /** The coordinator's client spans of its callbacks ending in {@code suffix}, tagged with the LRA. */
    private static Predicate<List<ReceivedSpan>> calls(String lra, String suffix, int participants) {
        return spans -> spans.stream().filter(s -> s.service().equals(COORDINATOR) && s.isClient()
                && s.path().endsWith(suffix) && lra.equals(s.attribute("lra.id"))).count() >= participants;
    }

    private static String lraPath(String lra) {
        return lra.replaceFirst("^[a-z]+://[^/]+", "");
    }

    private static String describe(List<ReceivedSpan> spans) {
        return spans.stream().map(s -> "  " + s + " lra.id=" + s.attribute("lra.id")).collect(Collectors.joining("\n"));
    }
}
