package io.lrasaga.clientpool;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The shared connection pool of the application's JAX-RS clients. Prefix {@code lra-saga.client-pool}.
 * The defaults are {@link PoolSettings#DEFAULTS}, which also apply outside Quarkus.
 */
@ConfigMapping(prefix = "lra-saga.client-pool")
public interface ClientPoolConfig {

    /**
     * Whether clients share the pool. Off: every client gets its own connection manager and
     * closes its connections with it (RESTEasy's behaviour), a new TCP connection per
     * Narayana callback or LRA client call.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether {@code ClientBuilder.newClient()} (a builder built as created) hands out a handle
     * on one shared client instead of a new client per call — how Narayana calls participants
     * and the coordinator. Off: a new client each time (RESTEasy's behaviour).
     */
    @WithDefault("true")
    boolean shareClients();

    /** Connections open at once, over all hosts. */
    @WithDefault("256")
    int maxConnections();

    /** Connections open at once to one host and port (a coordinator, a participant). */
    @WithDefault("64")
    int maxConnectionsPerHost();

    /**
     * Read timeout of clients that set none. Per-call clients bounded a hung call by closing
     * their connection; a pooled connection needs a timeout of its own.
     */
    @WithDefault("30s")
    Duration defaultReadTimeout();

    /** Idle connections are closed after this long. */
    @WithDefault("30s")
    Duration idleTimeout();

    /**
     * A connection idle for longer is checked before reuse (a read of up to 1 ms), so a peer that
     * restarted (and dropped it) costs a reconnect, not a failed call. Zero turns the check off.
     */
    @WithDefault("1s")
    Duration validateAfterInactivity();
}
