package io.lrasaga.signedcallbacks;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The key the coordinator signs the LRA status it sends with each call to a participant, and
 * that participants verify it with. Prefix {@code lra-saga.signed-callbacks}; the coordinator
 * and every participant service read the same properties (one secret, e.g. the environment
 * variable {@code LRA_SAGA_SIGNED_CALLBACKS_KEY} from one Kubernetes Secret).
 */
@ConfigMapping(prefix = "lra-saga.signed-callbacks")
public interface SignedCallbacksConfig {

    /**
     * The shared secret, at least 32 characters (e.g. {@code openssl rand -base64 32}). Unset:
     * the coordinator signs nothing and participants confirm every callback by asking the
     * coordinator for the LRA's status, one more HTTP round trip per callback.
     */
    Optional<String> key();

    /**
     * How old a signed status a participant still accepts. A callback is signed when the
     * coordinator sends it (each retry anew), so this only has to cover clock skew between
     * machines and the time the call takes.
     */
    @WithDefault("30s")
    Duration maxAge();
}
