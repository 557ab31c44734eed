package io.lrasaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverOneToHundred() {
        Percentiles p = new Percentiles(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());
        assertEquals(50, p.at(50));
        assertEquals(95, p.at(95));
        assertEquals(99, p.at(99));
        assertEquals(100, p.at(100));
        assertEquals(1, p.at(0.5));
    }

    @Test
    void aSingleSlowSampleIsThePercentileOnlyWhenItsRankIsReached() {
        long[] samples = LongStream.range(0, 1000).map(i -> 10).toArray();
        samples[500] = 5_000;
        Percentiles p = new Percentiles(samples);
        assertEquals(10, p.at(99));
        assertEquals(10, p.at(99.9));
        assertEquals(5_000, p.at(100));
    }

    @Test
    void smallSamplesRoundTheRankUp() {
        Percentiles p = new Percentiles(new long[] { 30, 10, 20 });
        assertEquals(20, p.at(50));
        assertEquals(30, p.at(95));
    }

    @Test
    void noSamplesGiveZeroAndBadPercentilesAreRefused() {
        assertEquals(0, new Percentiles(new long[0]).at(99));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(new long[] { 1 }).at(0));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(new long[] { 1 }).at(101));
    }
}
