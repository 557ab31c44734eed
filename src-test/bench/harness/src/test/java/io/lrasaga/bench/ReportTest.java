package io.lrasaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.LongStream;

import io.lrasaga.bench.LoadGenerator.Level;
import io.lrasaga.bench.Report.ConfigurationResult;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final ProcessSnapshot START = new ProcessSnapshot(0,
            Map.of("orders", ProcFs.CpuTicks.ZERO), Map.of("orders", 0L), Map.of("orders", 100 * 1024L));

    /** {@code sagas} orders of {@code millis} ms each, measured over 10 s. */
    private static Level level(int concurrency, int sagas, long millis) {
        long hz = ProcFs.ticksPerSecond();
        ProcessSnapshot end = new ProcessSnapshot(10_000_000_000L,
                Map.of("orders", new ProcFs.CpuTicks(hz * 5, 0, 0, 0)), Map.of("orders", hz), Map.of("orders", 150 * 1024L));
        return new Level(concurrency, LongStream.range(0, sagas).map(i -> millis * 1_000_000).toArray(),
                10_000_000_000L, 0, Map.of(), List.of(), START, end);
    }

    private static ConfigurationResult result(Configuration configuration, Level... levels) {
        return new ConfigurationResult(configuration, List.of(levels), Optional.empty(), START,
                levels[levels.length - 1].after(), 0, List.of());
    }

    @Test
    void resultComparesLraSagaAtThirtyTwoWithStockAndFloorInTheSameRun() {
        List<ConfigurationResult> results = List.of(
                result(Configuration.FLOOR, level(1, 100, 5), level(32, 4000, 40)),
                result(Configuration.STOCK, level(1, 50, 20), level(32, 500, 600)),
                result(Configuration.LRA_SAGA, level(1, 80, 12), level(32, 2000, 90)));
        assertEquals("RESULT sagas_per_s=200.0 p99_ms=90.0 vs_stock=4.00 vs_floor=0.50",
                Report.resultLine(results, Report.headlineConcurrency(List.of(1, 32))));
    }

    @Test
    void missingConfigurationsAreNotApplicableAndTheHighestConcurrencyStandsInForThirtyTwo() {
        assertEquals(4, Report.headlineConcurrency(List.of(1, 4)));
        assertEquals(32, Report.headlineConcurrency(List.of(64, 32, 1)));
        List<ConfigurationResult> onlyOurs = List.of(result(Configuration.LRA_SAGA, level(4, 300, 30)));
        assertEquals("RESULT sagas_per_s=30.0 p99_ms=30.0 vs_stock=n/a vs_floor=n/a", Report.resultLine(onlyOurs, 4));
        assertEquals("RESULT sagas_per_s=n/a p99_ms=n/a vs_stock=n/a vs_floor=n/a",
                Report.resultLine(List.of(result(Configuration.STOCK, level(4, 10, 1))), 4));
    }

    @Test
    void tablesShowCpuPerSagaAndMemoryAtStartAndEnd() {
        ConfigurationResult stock = result(Configuration.STOCK, level(8, 500, 20));
        String table = Report.levelTable(stock);
        // 5 s of CPU over 500 sagas: 10 ms each; 500 sagas in 10 s.
        assertTrue(table.contains("| 8 | 50.0 | 500 | 0 | 20.0 | 20.0 | 20.0 | 10.00 | 10.00 |"), table);
        assertTrue(Report.memoryTable(stock).contains("| orders | 100 | 150 |"), Report.memoryTable(stock));
        assertTrue(Report.invariants(stock).startsWith("invariants: OK"));
        ConfigurationResult broken = new ConfigurationResult(Configuration.STOCK, stock.levels(), Optional.empty(), START,
                START, 3, List.of("stock of bench-sku-001 is 7, expected 9"));
        assertTrue(Report.invariants(broken).contains("BROKEN, 1 violation(s)"));
    }

    @Test
    void theOpenLoopTableShowsTheOfferedRateAgainstTheMaximumAndItsLatency() {
        Level at32 = level(32, 500, 20);
        Level open = level(0, 250, 40);
        ConfigurationResult result = new ConfigurationResult(Configuration.LRA_SAGA, List.of(at32),
                Optional.of(new Report.OpenLoop(0.5, 50.0, open, scheduledEvery(250, 40_000_000))), START, open.after(),
                0, List.of());
        String table = Report.openLoopTable(result);
        assertTrue(table.contains("| 0.50 of 50.0 | 25.0 | 25.0 | 250 | 0 | 40.0 | 40.0 | 40.0 |"), table);
        assertTrue(table.contains("p99 ms by 10 s of scheduled sends: 40.0"), table);
        assertEquals("", Report.openLoopTable(result(Configuration.LRA_SAGA, at32)));
    }

    @Test
    void theOpenLoopsP99BySliceShowsAStallWhereItHappened() {
        // 30 s at 10 a second, 10 ms each, except the 5 orders scheduled from 12.0 to 12.4 s: 900 ms
        long[] latencies = new long[300];
        long[] scheduled = scheduledEvery(300, 100_000_000);
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = i >= 120 && i < 125 ? 900_000_000L : 10_000_000L;
        }
        Level open = new Level(0, latencies, 30_000_000_000L, 0, java.util.Map.of(), List.of(), START, START);
        Report.OpenLoop run = new Report.OpenLoop(0.5, 20.0, open, scheduled);
        assertEquals(List.of(10.0, 900.0, 10.0), run.p99BySlice());
        // the whole window's p99 (3rd of 300 from the top) is the stall as well: 5 of 300 is 1.7 %
        assertEquals(900.0, Report.ms(new Percentiles(latencies).at(99)));
    }

    private static long[] scheduledEvery(int count, long nanos) {
        return LongStream.range(0, count).map(i -> i * nanos).toArray();
    }
}
