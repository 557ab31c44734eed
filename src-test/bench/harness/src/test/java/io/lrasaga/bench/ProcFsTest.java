package io.lrasaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcFsTest {

    // A real line of /proc/<pid>/stat (a Java process), utime 1520, stime 311, cutime 7, cstime 2.
    private static final String STAT = "4242 (java) S 4200 4242 4200 0 -1 1077936384 53021 1183 0 0 1520 311 7 2 20 0 "
            + "43 0 1182931 4926275584 62611 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0";

    @Test
    void cpuTicksAreFields14To17() {
        ProcFs.CpuTicks ticks = ProcFs.parseStat(STAT);
        assertEquals(new ProcFs.CpuTicks(1520, 311, 7, 2), ticks);
        assertEquals(1840, ticks.total());
        assertEquals(4200, ProcFs.parseParent(STAT));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String tricky = STAT.replace("(java)", "(postgres: a (b) c)");
        assertEquals(new ProcFs.CpuTicks(1520, 311, 7, 2), ProcFs.parseStat(tricky));
        assertEquals(4200, ProcFs.parseParent(tricky));
        assertThrows(IllegalArgumentException.class, () -> ProcFs.parseStat("garbage"));
    }

    @Test
    void kilobytesOfStatusAndSmapsRollup() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmRSS:\t  250460 kB\nRssAnon:\t  200000 kB\n";
        assertEquals(250460, ProcFs.parseKb(status, "VmRSS").getAsLong());
        assertTrue(ProcFs.parseKb(status, "VmSwap").isEmpty());
        String rollup = "55d0-7ffd ---p 00000000 00:00 0 [rollup]\nRss:   1000 kB\nPss:    420 kB\nPss_Anon: 300 kB\n";
        assertEquals(420, ProcFs.parseKb(rollup, "Pss").getAsLong());
    }

    @Test
    void cpuDeltasPerProcessAreMillisecondsBetweenSnapshots() {
        long hz = ProcFs.ticksPerSecond();
        ProcessSnapshot before = new ProcessSnapshot(0, Map.of("orders", new ProcFs.CpuTicks(100, 50, 0, 0)),
                Map.of("orders", 10L), Map.of("orders", 1L));
        ProcessSnapshot after = new ProcessSnapshot(1, Map.of("orders", new ProcFs.CpuTicks(100 + hz, 50 + hz, 0, 0)),
                Map.of("orders", 10L + hz / 2), Map.of("orders", 1L));
        assertEquals(2000.0, after.cpuMillisSince(before).get("orders"), 1e-9);
        assertEquals(500.0, after.jitMillisSince(before), 1e-9);
        assertEquals(4.0, Report.perSaga(2000.0, 500), 1e-9);
        assertEquals(0.0, Report.perSaga(2000.0, 0));
    }

    @Test
    void compilerThreadsAreRecognisedByTheirShortenedName() {
        assertTrue(ProcFs.isCompilerThread("4242 (C2 CompilerThre) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"));
        assertTrue(ProcFs.isCompilerThread("4243 (C1 CompilerThre) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"));
        assertFalse(ProcFs.isCompilerThread("4244 (executor-thread) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"));
        assertTrue(ProcFs.jitTicks(ProcessHandle.current().pid()) >= 0);
    }

    @Test
    void thisProcessIsVisible() {
        long self = ProcessHandle.current().pid();
        assertTrue(ProcFs.rssKb(self) > 1000, "a JVM has more than 1 MB resident");
        assertTrue(ProcFs.cpu(self).total() > 0);
        assertEquals(List.of(), ProcFs.children(Long.MAX_VALUE));
    }
}
