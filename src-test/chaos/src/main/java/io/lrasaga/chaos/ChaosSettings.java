package io.lrasaga.chaos;

import java.time.Duration;
import java.util.List;

/**
 * One chaos invocation.
 *
 * @param seeds   each seed is one run: its fault schedule and its orders follow from it
 * @param load    how long orders are placed (and faults injected) per seed
 * @param rate    orders started per second (open loop: not slowed by slow answers)
 * @param clients client threads placing and retrying orders
 * @param settle  how long the system may take, after the last fault, to end every saga
 */
public record ChaosSettings(List<Long> seeds, Duration load, double rate, int clients, Duration settle) {

    public ChaosSettings {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty() || rate <= 0 || clients <= 0 || load.isNegative() || load.isZero()) {
            throw new IllegalArgumentException("need seeds, a positive rate, clients and load duration");
        }
    }

    /** How long a client waits for one answer before it counts the attempt as lost and retries. */
    Duration requestTimeout() {
        return Duration.ofSeconds(20);
    }

    int expectedOrders() {
        return (int) Math.ceil(rate * load.toMillis() / 1000.0);
    }
}
