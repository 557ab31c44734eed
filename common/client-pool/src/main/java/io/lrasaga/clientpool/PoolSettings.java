package io.lrasaga.clientpool;

import java.time.Duration;
import java.util.NoSuchElementException;

import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;

/** The pool's settings: from {@link ClientPoolConfig} in a Quarkus application, else the defaults. */
record PoolSettings(boolean enabled, boolean shareClients, int maxConnections, int maxConnectionsPerHost, Duration defaultReadTimeout,
        Duration idleTimeout, Duration validateAfterInactivity) {

    /** The {@code @WithDefault} values of {@link ClientPoolConfig} (PoolSettingsTest keeps them equal). */
    static final PoolSettings DEFAULTS = new PoolSettings(true, true, 256, 64, Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofSeconds(1));

    static PoolSettings current() {
        try {
            ClientPoolConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                    .getConfigMapping(ClientPoolConfig.class);
            return new PoolSettings(config.enabled(), config.shareClients(), config.maxConnections(), config.maxConnectionsPerHost(),
                    config.defaultReadTimeout(), config.idleTimeout(), config.validateAfterInactivity());
        } catch (NoSuchElementException | IllegalStateException | IllegalArgumentException notInQuarkus) {
            // A plain JVM (a test, a tool) has no mapping registered: the documented defaults.
            return DEFAULTS;
        }
    }
}
