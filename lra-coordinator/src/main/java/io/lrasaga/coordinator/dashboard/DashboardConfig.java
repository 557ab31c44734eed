package io.lrasaga.coordinator.dashboard;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The live dashboard ({@code /dashboard}) and the summary it reads ({@code /admin/summary}).
 */
@ConfigMapping(prefix = "lra-saga.coordinator.dashboard")
public interface DashboardConfig {

    /**
     * How long an LRA may stay Closing or Cancelling before it counts as stuck. Longer than a
     * few recovery periods means its participants keep not answering.
     */
    @WithDefault("2m")
    Duration stuckAfter();

    /** How far back the summary counts ended LRAs (Closed, Cancelled, ...) from the history, to the minute. */
    @WithDefault("1h")
    Duration recentWindow();

    /** How often the dashboard page reloads what it shows. Minimum 1 s. */
    @WithDefault("5s")
    Duration refreshInterval();
}
