package io.lrasaga.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults of a run, derived from its seed alone: the same seed and duration give the same
 * targets at the same offsets with the same down times, so a failing run can be replayed.
 * One fault at a time: the first a few seconds into the load, then one every {@link #MIN_GAP}
 * to {@link #MAX_GAP}; each target is killed for {@link #MIN_DOWN} to {@link #MAX_DOWN}. No
 * fault starts in the last {@link #QUIET_END} of the load.
 */
public final class FaultSchedule {

    static final Duration FIRST_MIN = Duration.ofSeconds(3);
    static final Duration FIRST_MAX = Duration.ofSeconds(8);
    static final Duration MIN_GAP = Duration.ofSeconds(6);
    static final Duration MAX_GAP = Duration.ofSeconds(14);
    static final Duration MIN_DOWN = Duration.ofMillis(200);
    static final Duration MAX_DOWN = Duration.ofSeconds(3);
    static final Duration QUIET_END = Duration.ofSeconds(3);

    private FaultSchedule() {
    }

    public static List<Fault> generate(long seed, Duration load) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        Target[] targets = Target.values();
        long at = between(random, FIRST_MIN, FIRST_MAX);
        while (at < load.minus(QUIET_END).toMillis()) {
            Target target = targets[random.nextInt(targets.length)];
            long down = between(random, MIN_DOWN, MAX_DOWN);
            faults.add(new Fault(target, Duration.ofMillis(at), Duration.ofMillis(down)));
            at += between(random, MIN_GAP, MAX_GAP);
        }
        return faults;
    }

    private static long between(Random random, Duration min, Duration max) {
        return min.toMillis() + random.nextLong(max.toMillis() - min.toMillis() + 1);
    }
}
