package io.lrasaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The soak's live-heap reading: jcmd's answer for each collector, and the report line. */
class JvmHeapTest {

    @Test
    void theSerialCollectorsGenerationsAreAddedUpMetaspaceAside() {
        String serial = """
                12345:
                 def new generation   total 78656K, used 1024K [0x00000000f0000000, 0x00000000f5550000, 0x00000000f5550000)
                  eden space 69952K,   1% used [0x00000000f0000000, 0x00000000f0100000, 0x00000000f4450000)
                 tenured generation   total 174784K, used 20480K [0x00000000f5550000, 0x0000000100000000, 0x0000000100000000)
                 Metaspace       used 55919K, committed 56448K, reserved 1097728K
                  class space    used 6930K, committed 7168K, reserved 1048576K
                """;

        assertEquals(OptionalLong.of(21504), JvmHeap.usedKb(serial));
    }

    @Test
    void g1sOneHeapLineIsTheHeap() {
        String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 31337K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 55919K, committed 56448K, reserved 1097728K
                """;

        assertEquals(OptionalLong.of(31337), JvmHeap.usedKb(g1));
    }

    @Test
    void anAnswerWithoutAHeapIsNoReading() {
        assertTrue(JvmHeap.usedKb("12345:\nCommand executed successfully\n").isEmpty());
    }

    @Test
    void theLiveHeapOfThisJvmCanBeRead() {
        OptionalLong live = JvmHeap.liveKb(ProcessHandle.current().pid());

        assertTrue(live.isPresent());
        assertTrue(live.getAsLong() > 0 && live.getAsLong() < Runtime.getRuntime().maxMemory() / 1024);
    }

    @Test
    void theReportLineShowsEachJvmsGrowth() {
        Map<String, OptionalLong> before = new LinkedHashMap<>();
        before.put("coordinator", OptionalLong.of(20 * 1024));
        before.put("orders", OptionalLong.of(40 * 1024));
        Map<String, OptionalLong> after = Map.of("coordinator", OptionalLong.of(21 * 1024), "orders", OptionalLong.empty());

        assertEquals("Live heap after a full collection, after the warm-up -> at the end (MB; what a leak grows):"
                + " coordinator 20.0 -> 21.0 (+1.0, +5 %)", BenchMain.liveGrowth(before, after));
    }
}
