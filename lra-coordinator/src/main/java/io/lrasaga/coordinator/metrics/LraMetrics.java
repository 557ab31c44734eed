package io.lrasaga.coordinator.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;

import io.lrasaga.coordinator.store.LraIds;
import io.lrasaga.coordinator.store.LraStore;
import io.lrasaga.coordinator.tracking.LraEnded;
import io.lrasaga.coordinator.tracking.ParticipantView;
import io.lrasaga.coordinator.tracking.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.narayana.lra.LRAData;
import io.quarkus.runtime.StartupEvent;

/**
 * The coordinator's Prometheus metrics: {@code lra_started_total}, {@code lra_closed_total},
 * {@code lra_cancelled_total}, {@code lra_failed_total{status}}, {@code lra_duration_seconds}
 * (start to end, by status), {@code lra_active{status}} (LRAs not ended, and failed LRAs
 * still waiting for an operator), {@code lra_recovery_passes_total{trigger}} and
 * {@code lra_callbacks_total{kind,outcome}}.
 */
@ApplicationScoped
public class LraMetrics {

    private static final List<LRAStatus> CURRENT = List.of(LRAStatus.Active, LRAStatus.Closing,
            LRAStatus.Cancelling, LRAStatus.FailedToClose, LRAStatus.FailedToCancel);
    // A scrape reads the store for failed LRAs; several gauges per scrape share one read.
    private static final Duration COUNT_CACHE = Duration.ofSeconds(1);

    @Inject
    MeterRegistry registry;

    @Inject
    LraStore store;

    private Counter started;
    private Map<LRAStatus, Integer> counts = new EnumMap<>(LRAStatus.class);
    private Instant countedAt = Instant.EPOCH;

    void register(@Observes StartupEvent start) {
        started = Counter.builder("lra.started").description("LRAs started").register(registry);
        Counter.builder("lra.closed").description("LRAs that ended Closed").register(registry);
        Counter.builder("lra.cancelled").description("LRAs that ended Cancelled").register(registry);
        for (LRAStatus status : CURRENT) {
            Gauge.builder("lra.active", this, metrics -> metrics.count(status))
                    .description("LRAs by current status (ended ones excepted; failed ones until forgotten)")
                    .tag("status", status.name())
                    .register(registry);
        }
        for (String trigger : List.of("startup", "periodic", "admin")) {
            recoveryCounter(trigger);
        }
        for (String kind : List.of("complete", "compensate")) {
            callbackCounter(kind, "retried");
            callbackCounter(kind, "failed");
        }
    }

    public void started() {
        if (started != null) {
            started.increment();
        }
    }

    public void recoveryPass(String trigger) {
        recoveryCounter(trigger).increment();
    }

    void ended(@Observes LraEnded lra) {
        countCallbacks(lra);
        switch (lra.status()) {
            case "Closed" -> registry.counter("lra.closed").increment();
            case "Cancelled" -> registry.counter("lra.cancelled").increment();
            case "FailedToClose", "FailedToCancel" -> Counter.builder("lra.failed")
                    .description("LRAs that ended FailedToClose or FailedToCancel")
                    .tag("status", lra.status()).register(registry).increment();
            default -> {
                return;
            }
        }
        Timer.builder("lra.duration")
                .description("Time from start to end of an LRA")
                .tag("status", lra.status())
                .register(registry)
                .record(lra.duration());
    }

    // A participant seen Completing/Compensating did not finish on the first call (it failed,
    // timed out or answered 202) and needed recovery; one seen FailedTo* could not finish at all.
    private void countCallbacks(LraEnded lra) {
        if (lra.participants() == null) {
            return;
        }
        for (ParticipantView participant : lra.participants()) {
            List<Transition> seen = participant.transitions() == null ? List.of() : participant.transitions();
            for (String kind : List.of("complete", "compensate")) {
                String unfinished = kind.equals("complete") ? "Completing" : "Compensating";
                String failed = kind.equals("complete") ? "FailedToComplete" : "FailedToCompensate";
                if (seen.stream().anyMatch(t -> t.status().equals(unfinished))) {
                    callbackCounter(kind, "retried").increment();
                }
                if (failed.equals(participant.state()) || seen.stream().anyMatch(t -> t.status().equals(failed))) {
                    callbackCounter(kind, "failed").increment();
                }
            }
        }
    }

    private Counter callbackCounter(String kind, String outcome) {
        return Counter.builder("lra.callbacks")
                .description("Participant complete/compensate calls that did not finish at once (retried) or "
                        + "ended failed (failed), counted when their LRA ends")
                .tag("kind", kind).tag("outcome", outcome).register(registry);
    }

    private Counter recoveryCounter(String trigger) {
        return Counter.builder("lra.recovery.passes").description("Recovery passes run")
                .tag("trigger", trigger).register(registry);
    }

    private synchronized double count(LRAStatus status) {
        Instant now = Instant.now();
        if (Duration.between(countedAt, now).compareTo(COUNT_CACHE) > 0) {
            Map<LRAStatus, Integer> fresh = new EnumMap<>(LRAStatus.class);
            Map<String, LRAStatus> byUid = new HashMap<>();
            store.inMemory().forEach((uid, lra) -> byUid.put(uid, lra.getLRAStatus()));
            for (LRAData failed : store.failed()) {
                byUid.put(LraIds.uidOf(failed.getLraId()), failed.getStatus());
            }
            byUid.values().forEach(s -> {
                if (s != null) {
                    fresh.merge(s, 1, Integer::sum);
                }
            });
            counts = fresh;
            countedAt = now;
        }
        return counts.getOrDefault(status, 0);
    }
}
