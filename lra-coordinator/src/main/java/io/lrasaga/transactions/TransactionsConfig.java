package io.lrasaga.transactions;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Declarative transactions ({@code POST /transactions}). Prefix {@code lra-saga.transactions}. */
@ConfigMapping(prefix = "lra-saga.transactions")
public interface TransactionsConfig {

    /**
     * The participant services steps may address, by tag ({@code orders-db}): only these are
     * ever called, so a request cannot make the coordinator call any other host.
     */
    Map<String, Tag> tags();

    interface Tag {
        /** Base URL of the service ({@code http://inventory:8082}). */
        String url();

        /** What {@code from.type} a data step on this tag must name: {@code database} or {@code document}. */
        @WithDefault("database")
        String type();
    }

    /**
     * This coordinator's LRA API as the participants know it (their
     * {@code quarkus.lra.coordinator-url}): transactions start their LRA there, so the LRA ids
     * they carry are ones the participants trust.
     */
    @WithDefault("http://127.0.0.1:${quarkus.http.port}/lra-coordinator")
    String coordinatorUrl();

    /** Longest time one call of a step may take (it is also cut to what is left of the transaction's timeout). */
    @WithDefault("10s")
    Duration callTimeout();

    /** Longest wait for the answer to closing or cancelling a transaction's LRA; after it the outcome is unknown. */
    @WithDefault("30s")
    Duration endTimeout();

    /**
     * Longest wait, after a cancel answered {@code Cancelling}, for the LRA to end before the
     * transaction is reported {@code failed}: the answer comes at once when another thread is
     * cancelling it already (its time limit expired at the same moment) and its compensations
     * are still running.
     */
    @WithDefault("5s")
    Duration settleTimeout();

    /** First pause before retrying a step ({@code retryOnFailure}); doubled on each retry, with jitter. */
    @WithDefault("100ms")
    Duration retryBackoff();

    /** Longest pause between two retries of a step. */
    @WithDefault("2s")
    Duration maxRetryBackoff();

    /** Where results and idempotency keys are kept. Default: {@code <lra-saga.coordinator.data-dir>/transactions}. */
    Optional<String> dir();

    /** How long results and idempotency keys are kept. */
    @WithDefault("7d")
    Duration retention();
}
