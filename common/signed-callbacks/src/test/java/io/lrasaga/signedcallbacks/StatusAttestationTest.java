package io.lrasaga.signedcallbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StatusAttestationTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String LRA = "http://127.0.0.1:8080/lra-coordinator/0_ffff7f000001_a1b2_1";
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static StatusAttestation at(Instant now, String key) {
        return new StatusAttestation(Optional.of(key), Duration.ofSeconds(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSignedStatusVerifiesUnderTheSameKey() {
        String header = at(NOW, KEY).sign(LRA, "Closing").orElseThrow();
        assertEquals(Optional.of("Closing"), at(NOW.plusSeconds(5), KEY).verify(header, LRA));
    }

    @Test
    void anotherLraAnotherStatusOrAnotherKeyDoNotVerify() {
        String header = at(NOW, KEY).sign(LRA, "Closing").orElseThrow();
        StatusAttestation participant = at(NOW, KEY);
        assertEquals(Optional.empty(), participant.verify(header, LRA.replace("_1", "_2")));
        assertEquals(Optional.empty(), participant.verify(header.replace("Closing", "Cancelling"), LRA));
        assertEquals(Optional.empty(), at(NOW, KEY.replace('0', 'x')).verify(header, LRA));
    }

    @Test
    void aStatementOlderOrNewerThanTheMaximumAgeIsNotTaken() {
        String header = at(NOW, KEY).sign(LRA, "Cancelling").orElseThrow();
        assertEquals(Optional.of("Cancelling"), at(NOW.plusSeconds(30), KEY).verify(header, LRA));
        assertEquals(Optional.empty(), at(NOW.plusSeconds(31), KEY).verify(header, LRA), "replayed later");
        assertEquals(Optional.empty(), at(NOW.minusSeconds(31), KEY).verify(header, LRA), "from the future");
    }

    @Test
    void malformedValuesAreNotTakenAndDoNotThrow() {
        StatusAttestation participant = at(NOW, KEY);
        String valid = at(NOW, KEY).sign(LRA, "Closed").orElseThrow();
        for (String bad : new String[] { "", "Closed", "status=Closed", "status=Closed;t=x;sig=y",
                "status=Closed;t=1;sig=", valid + ";extra=1", valid.replace("t=", "t=-"), "=;=;=" }) {
            assertEquals(Optional.empty(), participant.verify(bad, LRA), bad);
        }
        assertEquals(Optional.empty(), participant.verify(null, LRA));
    }

    @Test
    void withoutAKeyNothingIsSignedOrVerified() {
        StatusAttestation none = new StatusAttestation(Optional.empty(), Duration.ofSeconds(30), Clock.systemUTC());
        assertFalse(none.enabled());
        assertEquals(Optional.empty(), none.sign(LRA, "Closing"));
        assertEquals(Optional.empty(), none.verify(at(Instant.now(), KEY).sign(LRA, "Closing").orElseThrow(), LRA));
        assertTrue(at(NOW, KEY).enabled());
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> at(NOW, "short"));
        assertTrue(refused.getMessage().contains("lra-saga.signed-callbacks.key"), refused.getMessage());
    }
}
