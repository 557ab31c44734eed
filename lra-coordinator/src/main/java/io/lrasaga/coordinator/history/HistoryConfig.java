package io.lrasaga.coordinator.history;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The history of ended LRAs.
 */
@ConfigMapping(prefix = "lra-saga.coordinator.history")
public interface HistoryConfig {

    /** How long an ended LRA stays in the history (7d, 12h, P30D, ...). */
    @WithDefault("7d")
    Duration retention();

    /**
     * Directory of the history files. Default: {@code history} under
     * {@code lra-saga.coordinator.data-dir}.
     */
    Optional<String> dir();

    /**
     * How often the coordinator looks for LRAs that ended without a request to it (time
     * limits, recovery replays). Ends through the coordinator's close/cancel endpoints are
     * seen at once.
     */
    @WithDefault("2s")
    Duration pollInterval();
}
