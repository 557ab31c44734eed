package io.lrasaga.coordinator.recovery;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;

import io.lrasaga.coordinator.metrics.LraMetrics;
import io.lrasaga.coordinator.store.LraStore;
import io.lrasaga.coordinator.tracking.LraTracker;
import io.narayana.lra.coordinator.internal.LRARecoveryModule;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs recovery passes: one at start, before the coordinator reports ready, so LRAs logged
 * before a crash are served at once instead of answering 404 until the first periodic pass;
 * one whenever an operator asks; and observes Narayana's periodic ones.
 */
@ApplicationScoped
public class RecoveryRunner {

    private static final Logger LOG = Logger.getLogger(RecoveryRunner.class);

    @Inject
    LraStore store;

    // Applied before Quarkus started (RecoveryPeriod); injected here for the log line, and so
    // that Quarkus knows the key.
    @Inject
    RecoveryConfig config;

    @Inject
    LraTracker tracker;

    @Inject
    LraMetrics metrics;

    @Inject
    StaleCopies staleCopies;

    @Inject
    ExpiredTimeLimits expiredTimeLimits;

    @Inject
    StalledEnds stalledEnds;

    @Inject
    EndedLeftovers endedLeftovers;

    private volatile boolean initialPassDone;

    // Before RESTEasy creates Narayana's Coordinator application, whose constructor starts the
    // recovery manager: Quarkus fires this while the container initialises, StartupEvent comes later.
    static void installModule(@Observes @Initialized(ApplicationScoped.class) Object containerStarted) {
        NoActiveCopiesRecoveryModule.install();
    }

    // After the other startup observers (default priority APPLICATION + 500): meters exist.
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) StartupEvent start) {
        if (!NoActiveCopiesRecoveryModule.installed()) {
            throw new IllegalStateException("Narayana's recovery manager started before "
                    + NoActiveCopiesRecoveryModule.class.getName() + " was installed: it runs "
                    + LRARecoveryModule.getInstance().getClass().getName() + ", whose passes compensate closed LRAs");
        }
        Instant began = Instant.now();
        pass("startup");
        initialPassDone = true;
        LOG.infof("initial recovery pass done in %d ms; %d LRA(s) in memory; next passes every %s",
                Duration.between(began, Instant.now()).toMillis(), store.inMemory().size(), config.recoveryPeriod());
        RecoveryManager.manager().addModule(new PassObserver(this::afterPeriodicPass));
    }

    public boolean initialPassDone() {
        return initialPassDone;
    }

    /** A recovery pass now, on the caller's thread; returns how long it took. */
    public Duration passNow() {
        Instant began = Instant.now();
        pass("admin");
        return Duration.between(began, Instant.now());
    }

    private void pass(String trigger) {
        store.scan();
        afterPass(trigger);
    }

    private void afterPeriodicPass() {
        afterPass("periodic");
    }

    private void afterPass(String trigger) {
        metrics.recoveryPass(trigger);
        tracker.afterRecoveryPass();
        if (expiredTimeLimits.cancel() > 0) {
            tracker.afterRecoveryPass();
        }
        if (staleCopies.drop() > 0) {
            tracker.afterRecoveryPass();
        }
        if (stalledEnds.finish() > 0) {
            tracker.afterRecoveryPass();
        }
        if (endedLeftovers.forget() > 0) {
            tracker.afterRecoveryPass();
        }
    }
}
