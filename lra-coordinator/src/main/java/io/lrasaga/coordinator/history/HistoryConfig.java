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
     * How many of the newest ended LRAs are kept in memory: the list ({@code GET /admin/history})
     * shows these, and the coordinator's own checks of a recent outcome read them. Every ended LRA
     * stays in the files for the retention, and {@code GET /admin/history/{id}} finds an older one
     * there (reading the files, so more slowly). About 1 KB of heap each.
     */
    @WithDefault("10000")
    int inMemoryEntries();

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
