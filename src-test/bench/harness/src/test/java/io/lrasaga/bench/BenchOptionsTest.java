package io.lrasaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsRunAllThreeConfigurationsAtOneEightAndThirtyTwo() {
        BenchOptions options = BenchOptions.parse();
        assertEquals(List.of(Configuration.FLOOR, Configuration.STOCK, Configuration.LRA_SAGA), options.configs());
        assertEquals(List.of(1, 8, 32), options.concurrency());
        assertEquals(Duration.ofSeconds(20), options.duration());
        assertEquals(Duration.ofSeconds(5), options.warmup());
        assertEquals(Optional.empty(), options.soak());
        assertEquals(false, options.profile());
    }

    @Test
    void profileIsAFlagWithoutValue() {
        BenchOptions options = BenchOptions.parse("--profile", "--concurrency", "4");
        assertTrue(options.profile());
        assertEquals(List.of(4), options.concurrency());
    }

    @Test
    void appJvmsRunWithFullJitUnlessTold() {
        assertEquals("-XX:+UseSerialGC -Xss512k -XX:-UseDynamicNumberOfCompilerThreads -Xms256m -XX:+AlwaysPreTouch",
                BenchOptions.parse().jvmOptions());
        assertEquals(Duration.ofSeconds(60), BenchOptions.parse().jitWarmup());
        assertEquals(Duration.ofSeconds(5), BenchOptions.parse("--jit-warmup", "5s").jitWarmup());
        assertEquals("-XX:+UseParallelGC -XX:TieredStopAtLevel=1",
                BenchOptions.parse("--jvm-options", "-XX:+UseParallelGC -XX:TieredStopAtLevel=1").jvmOptions());
    }

    @Test
    void bothOptionFormsAndEveryDurationUnit() {
        BenchOptions options = BenchOptions.parse("--duration", "3s", "--warmup=500ms", "--concurrency", "1, 4",
                "--configs=stock,lra-saga");
        assertEquals(Duration.ofSeconds(3), options.duration());
        assertEquals(Duration.ofMillis(500), options.warmup());
        assertEquals(List.of(1, 4), options.concurrency());
        assertEquals(List.of(Configuration.STOCK, Configuration.LRA_SAGA), options.configs());
        assertEquals(Duration.ofMinutes(10), BenchOptions.duration("10m"));
        assertEquals(Duration.ofHours(1), BenchOptions.duration("1h"));
    }

    @Test
    void theSoakRunsLraSagaAloneUnlessConfigurationsAreNamed() {
        assertEquals(List.of(Configuration.LRA_SAGA), BenchOptions.parse("--soak", "10m").configs());
        assertEquals(Optional.of(Duration.ofMinutes(10)), BenchOptions.parse("--soak", "10m").soak());
        assertEquals(List.of(Configuration.STOCK), BenchOptions.parse("--soak", "1m", "--configs", "stock").configs());
    }

    @Test
    void badOptionsAreNamed() {
        assertTrue(message("--duration", "ten").contains("not a duration: 'ten'"));
        assertTrue(message("--duration", "0s").contains("--duration must be positive"));
        assertTrue(message("--concurrency", "0").contains("from 1 to 1024"));
        assertTrue(message("--concurrency", "a").contains("not a number: 'a'"));
        assertTrue(message("--configs", "narayana").contains("unknown configuration 'narayana'"));
        assertTrue(message("--fast", "1").contains("unknown option --fast"));
        assertTrue(message("--soak").contains("--soak needs a value"));
        assertTrue(message("--open-loop", "1.5").contains("from 0 (none) to 1"));
        assertTrue(message("--open-loop", "half").contains("not a fraction: 'half'"));
    }

    @Test
    void theOpenLoopRunsAtHalfTheMaximumUnlessTold() {
        assertEquals(0.5, BenchOptions.parse().openLoop());
        assertEquals(0.0, BenchOptions.parse("--open-loop", "0").openLoop());
        assertEquals(0.8, BenchOptions.parse("--open-loop=0.8").openLoop());
        assertEquals(Duration.ofSeconds(60), BenchOptions.parse().openLoopDuration());
        assertEquals(Duration.ofMinutes(2), BenchOptions.parse("--open-loop-duration", "2m").openLoopDuration());
        assertTrue(message("--open-loop-duration", "0s").contains("--open-loop-duration must be positive"));
    }

    @Test
    void theJitSettlesOnlyWhenAskedAndWithinItsLimit() {
        assertEquals(0.0, BenchOptions.parse().jitSettle());
        assertEquals(Duration.ofMinutes(15), BenchOptions.parse().jitSettleMax());
        assertEquals(0.03, BenchOptions.parse("--jit-settle", "3%").jitSettle(), 1e-12);
        assertEquals(0.025, BenchOptions.parse("--jit-settle=2.5").jitSettle(), 1e-12);
        assertEquals(Duration.ofMinutes(5), BenchOptions.parse("--jit-settle-max", "5m").jitSettleMax());
        assertTrue(message("--jit-settle", "100%").contains("from 0 (off) to below 100 %"));
        assertTrue(message("--jit-settle", "-1").contains("from 0 (off) to below 100 %"));
        assertTrue(message("--jit-settle", "some").contains("not a percentage: 'some'"));
        assertTrue(message("--jit-settle-max", "soon").contains("not a duration: 'soon'"));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args)).getMessage();
    }
}
