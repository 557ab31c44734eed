package io.lrasaga.coordinator.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.lrasaga.coordinator.admin.LraSummary;

/**
 * Which running or failed LRAs need an operator, and why: failed ones always (Narayana never
 * retries them), Closing/Cancelling ones once they have waited longer than
 * {@code stuck-after} for their participants, Active ones still running past their time limit
 * (Narayana cancels at the limit, so a few seconds' grace covers the timer's own delay).
 */
public final class Stuck {

    static final Duration TIME_LIMIT_GRACE = Duration.ofSeconds(5);

    private Stuck() {
    }

    /**
     * @param lra   the LRA as the admin API lists it
     * @param since when it entered its current status (its start time when unknown)
     */
    public static Optional<String> reason(LraSummary lra, Instant since, Duration stuckAfter, Instant now) {
        switch (lra.status()) {
            case "FailedToClose", "FailedToCancel" -> {
                return Optional.of("ended " + lra.status() + ": repair its participants by hand, then forget it");
            }
            case "Closing", "Cancelling" -> {
                Duration waiting = since == null ? Duration.ZERO : Duration.between(since, now);
                return waiting.compareTo(stuckAfter) > 0
                        ? Optional.of(lra.status() + " for " + human(waiting) + ": participants have not answered")
                        : Optional.empty();
            }
            case "Active" -> {
                Instant limit = lra.timeLimit();
                return limit != null && now.isAfter(limit.plus(TIME_LIMIT_GRACE))
                        ? Optional.of("still Active " + human(Duration.between(limit, now)) + " past its time limit")
                        : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h";
        }
        return seconds / 86400 + " d";
    }
}
