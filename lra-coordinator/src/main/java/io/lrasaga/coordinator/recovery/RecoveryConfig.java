package io.lrasaga.coordinator.recovery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How often the coordinator replays LRAs whose participants have not answered yet.
 */
@ConfigMapping(prefix = "lra-saga.coordinator")
public interface RecoveryConfig {

    /**
     * Time between two periodic recovery passes. A pass retries the complete/compensate
     * calls of every Closing or Cancelling LRA and reloads LRAs from the store. (A pass also
     * runs once at start, before the coordinator reports ready, whatever this value.)
     */
    @WithDefault("30s")
    Duration recoveryPeriod();
}
