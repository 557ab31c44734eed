package io.lrasaga.participant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Only LRAs of the configured coordinators get in; anything a caller could aim elsewhere does not. */
class TrustedCoordinatorsTest {

    private static ParticipantConfig config(Optional<List<String>> trusted) {
        return new ParticipantConfig() {
            @Override
            public Optional<List<String>> trustedCoordinators() {
                return trusted;
            }

            @Override
            public boolean verifyCallbacks() {
                return true;
            }

            @Override
            public Optional<String> baseUri() {
                return Optional.empty();
            }

            @Override
            public int coordinatorTimeoutMillis() {
                return 1000;
            }
        };
    }

    private static TrustedCoordinators trusting(String... coordinators) {
        return new TrustedCoordinators(config(Optional.of(List.of(coordinators))), "http://unused:1/lra-coordinator");
    }

    private final TrustedCoordinators trusted = trusting("http://coordinator:8080/lra-coordinator",
            "https://other.example/lra-coordinator/");

    @Test
    void acceptsLrasOfTheConfiguredCoordinators() {
        assertTrue(trusted.trusts("http://coordinator:8080/lra-coordinator/0_ffff7f000001_a_b_2"));
        assertTrue(trusted.trusts("HTTP://Coordinator:8080/lra-coordinator/0_ffff7f000001_a_b_2"));
        assertTrue(trusted.trusts("https://other.example:443/lra-coordinator/x"));
    }

    @Test
    void refusesEverythingElse() {
        for (String lra : List.of(
                "http://169.254.169.254/lra-coordinator/x",
                "http://coordinator:8081/lra-coordinator/x",
                "https://coordinator:8080/lra-coordinator/x",
                "http://coordinator:8080/lra-coordinator",
                "http://coordinator:8080/lra-coordinatorX/x",
                "http://coordinator:8080/lra-coordinator/../admin",
                // found by the abuse suites: a trailing dot segment, plain or encoded
                "http://coordinator:8080/lra-coordinator/..",
                "http://coordinator:8080/lra-coordinator/%2e%2e",
                "http://coordinator:8080/lra-coordinator/x/.",
                "http://coordinator:8080/lra-coordinator/%2e%2e/admin",
                "http://user@coordinator:8080/lra-coordinator/x",
                "http://coordinator:8080/lra-coordinator/x?redirect=http://evil",
                "file:///etc/passwd",
                "not a url",
                "")) {
            assertFalse(trusted.trusts(lra), lra);
        }
    }

    @Test
    void defaultsToTheQuarkusCoordinatorUrl() {
        TrustedCoordinators defaults = new TrustedCoordinators(config(Optional.empty()), "http://127.0.0.1:8080/lra-coordinator");
        assertTrue(defaults.trusts("http://127.0.0.1:8080/lra-coordinator/0_1"));
        assertFalse(defaults.trusts("http://localhost:8080/lra-coordinator/0_1"));
    }
}
