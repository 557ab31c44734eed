package io.lrasaga.coordinator.admin;

import static io.lrasaga.coordinator.admin.AdminFixtures.clientId;
import static io.lrasaga.coordinator.admin.AdminFixtures.join;
import static io.lrasaga.coordinator.admin.AdminFixtures.operator;
import static io.lrasaga.coordinator.admin.AdminFixtures.start;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.narayana.lra.coordinator.domain.service.LRAService;
import io.narayana.lra.coordinator.internal.LRARecoveryModule;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Recovery passes that run while LRAs close leave the coordinator holding nothing for the
 * LRAs that ended. Narayana creates a lock for any id it is asked to lock and drops it only
 * when it removes a served LRA, so a pass that locked an LRA which had just ended would keep
 * that lock for the coordinator's lifetime: memory that grows with the traffic.
 */
@QuarkusTest
class RecoveryPassLocksTest {

    private static final int LRAS = 300;

    @Test
    void passesDuringClosesKeepNoLockOfAnEndedLra() throws Exception {
        String client = clientId();
        List<String> lras = new ArrayList<>();
        for (int i = 0; i < LRAS; i++) {
            String lra = start(client, 0);
            join(lra, "ok");
            lras.add(lra);
        }

        AtomicBoolean closing = new AtomicBoolean(true);
        AtomicInteger passes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            CompletableFuture<Void> recovery = CompletableFuture.runAsync(() -> {
                while (closing.get() || passes.get() == 0) {
                    operator().post("/admin/recovery").then().statusCode(200);
                    passes.incrementAndGet();
                }
            }, pool);
            List<CompletableFuture<Void>> closes = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                int first = worker;
                closes.add(CompletableFuture.runAsync(() -> {
                    for (int i = first; i < LRAS; i += 4) {
                        given().put(lras.get(i) + "/close").then().statusCode(200);
                    }
                }, pool));
            }
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            closing.set(false);
            recovery.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(passes.get() > 1, "recovery passes ran during the closes: " + passes.get());

        Set<URI> ended = new HashSet<>();
        lras.forEach(lra -> ended.add(URI.create(lra)));
        Set<URI> kept = new HashSet<>(locks().keySet());
        kept.retainAll(ended);
        assertEquals(Set.of(), kept, "locks the coordinator keeps for ended LRAs (" + passes.get() + " passes)");
    }

    @SuppressWarnings("unchecked")
    private static Map<URI, ?> locks() throws ReflectiveOperationException {
        LRAService service = LRARecoveryModule.getService();
        Field locks = LRAService.class.getDeclaredField("locks");
        locks.setAccessible(true);
        synchronized (service) {
            return Map.copyOf((Map<URI, ?>) locks.get(service));
        }
    }
}
