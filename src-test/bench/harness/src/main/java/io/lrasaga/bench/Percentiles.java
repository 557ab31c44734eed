package io.lrasaga.bench;

import java.util.Arrays;

/** Latency percentiles by nearest rank over every recorded sample (no bucketing, no interpolation). */
public final class Percentiles {

    private final long[] sorted;

    public Percentiles(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The smallest sample with at least {@code percent} % of the samples at or below it; 0 without samples. */
    public long at(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percent);
        }
        if (sorted.length == 0) {
            return 0;
        }
        // The epsilon keeps binary rounding (99.9 % of 1000 = 999.0000000000001) from skipping a rank.
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(0, rank - 1)];
    }
}
