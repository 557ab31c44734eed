package io.lrasaga.coordinator.timelimit;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Time limits the coordinator gives LRAs whose initiator did not ask for one.
 */
@ConfigMapping(prefix = "lra-saga.coordinator")
public interface TimeLimitConfig {

    /**
     * Time limit of an LRA started without one ({@code TimeLimit} absent or 0). None by
     * default, as the LRA specification says; set it so that an LRA whose initiator crashed
     * before closing or cancelling is cancelled (and compensated) instead of staying Active
     * forever.
     */
    Optional<Duration> defaultTimeLimit();

    /**
     * The longest time limit an initiator may ask for; a longer one is cut to this. None by
     * default.
     */
    Optional<Duration> maxTimeLimit();
}
