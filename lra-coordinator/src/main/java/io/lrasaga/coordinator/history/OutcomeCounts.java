package io.lrasaga.coordinator.history;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many LRAs ended with each outcome, per minute of their end: what the dashboard's recent
 * counts need, in memory that grows with the retention in minutes, not with the number of LRAs.
 */
final class OutcomeCounts {

    private final TreeMap<Long, Map<String, Integer>> byMinute = new TreeMap<>();

    void add(Instant end, String outcome) {
        change(end, outcome, 1);
    }

    /** An end superseded by a later end of the same LRA no longer counts. */
    void remove(Instant end, String outcome) {
        change(end, outcome, -1);
    }

    private void change(Instant end, String outcome, int by) {
        if (end == null || outcome == null) {
            return;
        }
        Map<String, Integer> counts = byMinute.computeIfAbsent(minute(end), m -> new HashMap<>());
        if (counts.merge(outcome, by, Integer::sum) <= 0) {
            counts.remove(outcome);
        }
    }

    /** Ends from the minute of {@code from} on, by outcome. */
    Map<String, Integer> since(Instant from) {
        Map<String, Integer> total = new HashMap<>();
        byMinute.tailMap(minute(from), true).values()
                .forEach(counts -> counts.forEach((outcome, n) -> total.merge(outcome, n, Integer::sum)));
        return total;
    }

    /** Forgets the minutes before {@code cutoff}'s. */
    void expire(Instant cutoff) {
        byMinute.headMap(minute(cutoff), false).clear();
    }

    private static long minute(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }
}
