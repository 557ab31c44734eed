package io.lrasaga.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Idempotency keys. Prefix {@code lra-saga.idempotency}. */
@ConfigMapping(prefix = "lra-saga.idempotency")
public interface IdempotencyConfig {

    /**
     * How long a claimed key may stay unfinished before it counts as abandoned (its process
     * died) and a repeat may run again. Keep it longer than the saga's time limit.
     */
    @WithDefault("2m")
    Duration abandonAfter();
}
