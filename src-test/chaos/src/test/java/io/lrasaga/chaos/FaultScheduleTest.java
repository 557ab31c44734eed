package io.lrasaga.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    @Test
    void aSeedReplaysTheSameFaultsAtTheSameOffsets() {
        assertEquals(FaultSchedule.generate(42, Duration.ofMinutes(5)), FaultSchedule.generate(42, Duration.ofMinutes(5)));
        assertNotEquals(FaultSchedule.generate(42, Duration.ofMinutes(5)), FaultSchedule.generate(43, Duration.ofMinutes(5)));
    }

    @Test
    void faultsAreSpacedAndEndBeforeTheLoad() {
        List<Fault> faults = FaultSchedule.generate(7, Duration.ofMinutes(5));
        assertTrue(faults.size() >= 15, faults.toString());
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            assertTrue(fault.at().compareTo(Duration.ofMinutes(5).minus(FaultSchedule.QUIET_END)) < 0, fault.toString());
            assertTrue(fault.down().compareTo(FaultSchedule.MAX_DOWN) <= 0, fault.toString());
            if (i > 0) {
                assertTrue(fault.at().minus(faults.get(i - 1).at()).compareTo(FaultSchedule.MIN_GAP) >= 0);
            }
        }
    }

    @Test
    void theVerifyProfileKillsEveryKindOfProcess() {
        Set<Target> killed = EnumSet.noneOf(Target.class);
        for (long seed : ChaosIT.SEEDS) {
            FaultSchedule.generate(seed, ChaosIT.LOAD).forEach(fault -> killed.add(fault.target()));
        }
        assertEquals(EnumSet.allOf(Target.class), killed);
    }

    @Test
    void durationsAndOptionsParse() {
        assertEquals(Duration.ofSeconds(90), ChaosMain.duration("90s"));
        assertEquals(Duration.ofMinutes(5), ChaosMain.duration("5m"));
        assertEquals(Duration.ofMinutes(5), ChaosMain.duration("PT5M"));
        ChaosSettings settings = ChaosMain.parse(new String[] { "--seeds", "1,2", "--seed", "3", "--duration", "2m",
                "--rate", "2.5" });
        assertEquals(List.of(1L, 2L, 3L), settings.seeds());
        assertEquals(Duration.ofMinutes(2), settings.load());
        assertEquals(2.5, settings.rate());
    }
}
