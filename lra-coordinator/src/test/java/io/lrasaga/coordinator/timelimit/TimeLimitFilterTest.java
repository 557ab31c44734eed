package io.lrasaga.coordinator.timelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeLimitFilterTest {

    @Test
    void anAskedLimitIsKeptUnlessItExceedsTheMaximum() {
        assertEquals(5_000, TimeLimitFilter.effective(5_000, 60_000, 0));
        assertEquals(5_000, TimeLimitFilter.effective(5_000, 60_000, 120_000));
        assertEquals(120_000, TimeLimitFilter.effective(3_600_000, 60_000, 120_000));
    }

    @Test
    void noLimitGetsTheDefaultOrTheMaximum() {
        assertEquals(60_000, TimeLimitFilter.effective(0, 60_000, 0));
        assertEquals(60_000, TimeLimitFilter.effective(0, 60_000, 120_000));
        assertEquals(120_000, TimeLimitFilter.effective(0, 0, 120_000));
        assertEquals(0, TimeLimitFilter.effective(0, 0, 0));
    }
}
