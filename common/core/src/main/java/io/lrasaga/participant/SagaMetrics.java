package io.lrasaga.participant;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** Counters an operator watches: callbacks by kind and outcome, conflicts, refused contexts. */
@Singleton
public class SagaMetrics {

    private final MeterRegistry registry;

    SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void callback(String kind, String outcome) {
        registry.counter("lra_saga_participant_callbacks_total", "kind", kind, "outcome", outcome).increment();
    }

    /** How a callback's LRA status was learnt: from the coordinator's signature, or by asking it. */
    public void statusConfirmed(String by) {
        registry.counter("lra_saga_participant_status_confirmations_total", "by", by).increment();
    }

    public void conflict() {
        registry.counter("lra_saga_participant_conflicts_total").increment();
    }

    public void joined() {
        registry.counter("lra_saga_participant_joins_total").increment();
    }

    public void untrustedContext() {
        registry.counter("lra_saga_participant_untrusted_contexts_total").increment();
    }
}
