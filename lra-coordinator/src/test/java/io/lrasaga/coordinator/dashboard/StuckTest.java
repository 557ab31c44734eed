package io.lrasaga.coordinator.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.lrasaga.coordinator.admin.LraSummary;

class StuckTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Duration AFTER = Duration.ofMinutes(2);

    private static LraSummary lra(String status, Instant timeLimit) {
        return new LraSummary("0_1", URI.create("http://c/lra-coordinator/0_1"), "client", status,
                NOW.minus(Duration.ofHours(1)), timeLimit, null, true, false, 1, null);
    }

    private static Optional<String> reason(String status, Instant since, Instant timeLimit) {
        return Stuck.reason(lra(status, timeLimit), since, AFTER, NOW);
    }

    @Test
    void closingOrCancellingIsStuckOnlyAfterTheThreshold() {
        assertEquals(Optional.empty(), reason("Cancelling", NOW.minusSeconds(119), null));
        assertEquals(Optional.of("Cancelling for 3 min: participants have not answered"),
                reason("Cancelling", NOW.minusSeconds(180), null));
        assertTrue(reason("Closing", NOW.minus(Duration.ofHours(5)), null).orElseThrow().startsWith("Closing for 5 h"));
    }

    @Test
    void failedIsAlwaysStuckAndEndedNever() {
        assertTrue(reason("FailedToClose", NOW, null).orElseThrow().contains("forget"));
        assertTrue(reason("FailedToCancel", null, null).isPresent());
        assertEquals(Optional.empty(), reason("Closed", NOW.minus(Duration.ofDays(1)), null));
    }

    @Test
    void activeIsStuckPastItsTimeLimitBeyondTheGrace() {
        assertEquals(Optional.empty(), reason("Active", null, null));
        assertEquals(Optional.empty(), reason("Active", null, NOW.plusSeconds(60)));
        assertEquals(Optional.empty(), reason("Active", null, NOW.minus(Stuck.TIME_LIMIT_GRACE)));
        assertEquals(Optional.of("still Active 90 s past its time limit"), reason("Active", null, NOW.minusSeconds(90)));
    }
}
