package io.lrasaga.participant;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service takes part in sagas. Prefix {@code lra-saga.participant}. */
@ConfigMapping(prefix = "lra-saga.participant")
public interface ParticipantConfig {

    /**
     * Coordinators this service accepts LRAs from (base URLs, e.g.
     * {@code http://coordinator:8080/lra-coordinator}). An incoming {@code Long-Running-Action}
     * header or callback naming any other host is refused before any outgoing call.
     * Defaults to {@code quarkus.lra.coordinator-url}.
     */
    Optional<List<String>> trustedCoordinators();

    /**
     * Whether complete/compensate callbacks are acted on only after the coordinator confirms
     * that LRA is closing/cancelling. Turn off only for tests of the callbacks themselves.
     */
    @WithDefault("true")
    boolean verifyCallbacks();

    /**
     * Base URL the coordinator uses to call this service back (e.g. its Kubernetes service
     * URL). Defaults to the base URL of the request that joined.
     */
    Optional<String> baseUri();

    /** Timeout of the calls this runtime makes to the coordinator (join, status), in milliseconds. */
    @WithDefault("5000")
    int coordinatorTimeoutMillis();
}
