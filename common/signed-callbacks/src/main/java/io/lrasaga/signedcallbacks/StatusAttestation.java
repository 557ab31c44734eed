package io.lrasaga.signedcallbacks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.arc.Unremovable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The coordinator's signed statement "LRA x is in status s at time t", carried in the
 * {@value #HEADER} header of each call the coordinator makes to a participant.
 *
 * <p>A participant must not complete or compensate on anybody's word: only the coordinator
 * knows whether the LRA is really closing or cancelling. Asking it costs a round trip per
 * callback; this statement, signed with a key only the coordinator and the participants hold,
 * gives the same answer with the callback itself. It states the LRA's status, not which
 * endpoint was called: a participant that joined with another participant's compensate URL as
 * its complete link cannot make that participant compensate a closing LRA.
 *
 * <p>Value: {@code status=Closing;t=<epoch millis>;sig=<base64url HMAC-SHA256>} over
 * {@code lra-saga-status/1}, the LRA id, the status and t, each on its own line.
 */
@Singleton
@Unremovable // looked up programmatically by the coordinator's client filter
public class StatusAttestation {

    public static final String HEADER = "Lra-Saga-Lra-Status";

    static final int MIN_KEY_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "lra-saga-status/1";

    private final SecretKeySpec key;
    private final Mac prototype;
    private final long maxAgeMillis;
    private final Clock clock;

    @Inject
    StatusAttestation(SignedCallbacksConfig config) {
        this(config.key(), config.maxAge(), Clock.systemUTC());
    }

    /** Outside CDI: participants written without Quarkus, and tests that sign by hand. */
    public static StatusAttestation of(String key, Duration maxAge, Clock clock) {
        return new StatusAttestation(Optional.of(key), maxAge, clock);
    }

    StatusAttestation(Optional<String> key, Duration maxAge, Clock clock) {
        this.key = key.map(StatusAttestation::secret).orElse(null);
        this.prototype = this.key == null ? null : mac(this.key);
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
    }

    /** Whether a key is configured: without one nothing is signed and nothing verifies. */
    public boolean enabled() {
        return prototype != null;
    }

    /** The header value stating {@code status} of {@code lraId} now; empty without a key. */
    public Optional<String> sign(String lraId, String status) {
        if (prototype == null) {
            return Optional.empty();
        }
        long t = clock.millis();
        return Optional.of("status=" + status + ";t=" + t + ";sig=" + signature(lraId, status, t));
    }

    /**
     * The status a {@value #HEADER} value states for {@code lraId}, if its signature is valid
     * under this key and it is not older (nor newer) than the maximum age. Empty for anything
     * else — absent, malformed, another LRA, another key, stale — and the caller then asks the
     * coordinator as it would without signing.
     */
    public Optional<String> verify(String header, String lraId) {
        if (prototype == null || header == null || lraId == null) {
            return Optional.empty();
        }
        String status = null;
        String sig = null;
        long t = -1;
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return Optional.empty();
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (name) {
                case "status" -> status = value;
                case "sig" -> sig = value;
                case "t" -> {
                    try {
                        t = Long.parseLong(value);
                    } catch (NumberFormatException malformed) {
                        return Optional.empty();
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (status == null || sig == null || t < 0 || Math.abs(clock.millis() - t) > maxAgeMillis) {
            return Optional.empty();
        }
        byte[] expected = signature(lraId, status, t).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII)) ? Optional.of(status)
                : Optional.empty();
    }

    private String signature(String lraId, String status, long t) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException notCloneable) {
            mac = mac(key);
        }
        byte[] digest = mac.doFinal((VERSION + "\n" + lraId + "\n" + status + "\n" + t).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static SecretKeySpec secret(String key) {
        if (key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("lra-saga.signed-callbacks.key must be at least " + MIN_KEY_LENGTH
                    + " characters (e.g. openssl rand -base64 32)");
        }
        return new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
