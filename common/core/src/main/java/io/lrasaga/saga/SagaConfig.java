package io.lrasaga.saga;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Java saga API ({@link Sagas}). Prefix {@code lra-saga.saga}. */
@ConfigMapping(prefix = "lra-saga.saga")
public interface SagaConfig {

    /** How often a saga is run in all when it ends in a saga-conflict (the first run included). */
    @WithDefault("3")
    int maxAttempts();

    /** Pause before the second run; doubled for each further run, with jitter. */
    @WithDefault("100ms")
    Duration initialBackoff();

    /** Longest pause between two runs. */
    @WithDefault("2s")
    Duration maxBackoff();

    /**
     * Time limit of each run's LRA: if this process dies mid-saga, the coordinator cancels the
     * LRA after it and the participants compensate.
     */
    @WithDefault("30s")
    Duration timeLimit();

    /** Longest wait for the coordinator's answer to a close or cancel; after it the outcome is unknown. */
    @WithDefault("30s")
    Duration endTimeout();

    /** The client id the LRAs are started with (shown in the coordinator's admin API and history). */
    @WithDefault("lra-saga-saga")
    String clientId();
}
