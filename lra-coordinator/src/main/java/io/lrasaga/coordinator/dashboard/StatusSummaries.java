package io.lrasaga.coordinator.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.lrasaga.coordinator.admin.LraAdmin;
import io.lrasaga.coordinator.admin.LraSummary;
import io.lrasaga.coordinator.history.HistoryStore;
import io.lrasaga.coordinator.tracking.LraTracker;
import io.lrasaga.coordinator.tracking.Transition;

/** Builds the {@link StatusSummary}: counts by status, recent outcomes, stuck LRAs. */
@ApplicationScoped
public class StatusSummaries {

    static final List<String> HELD = List.of("Active", "Closing", "Cancelling", "FailedToClose", "FailedToCancel");
    static final List<String> OUTCOMES = List.of("Closed", "Cancelled", "FailedToClose", "FailedToCancel", "Unknown");

    @Inject
    LraAdmin admin;

    @Inject
    LraTracker tracker;

    @Inject
    HistoryStore history;

    @Inject
    DashboardConfig config;

    public StatusSummary summarize(String user, boolean operator) {
        Instant now = Instant.now();
        Map<String, Integer> running = zeros(HELD);
        List<StatusSummary.StuckLra> stuck = new ArrayList<>();
        for (LraSummary lra : admin.all()) {
            // an LRA that just ended can linger in Narayana's memory for a moment: the history counts it
            running.computeIfPresent(lra.status(), (status, n) -> n + 1);
            Instant since = since(lra);
            Stuck.reason(lra, since, config.stuckAfter(), now).ifPresent(reason -> stuck.add(
                    new StatusSummary.StuckLra(lra.uid(), lra.clientId(), lra.status(), since, reason)));
        }
        stuck.sort(Comparator.comparing(StatusSummary.StuckLra::since, Comparator.nullsLast(Comparator.naturalOrder())));

        Instant recentFrom = now.minus(config.recentWindow());
        Map<String, Integer> recent = zeros(OUTCOMES);
        history.outcomesSince(recentFrom).forEach((status, n) -> recent.computeIfPresent(status, (s, zero) -> n));
        return new StatusSummary(now, user, operator, running, recent, config.recentWindow().toSeconds(),
                config.stuckAfter().toSeconds(), Math.max(1, config.refreshInterval().toSeconds()), stuck);
    }

    // Closing/Cancelling: when the tracker first saw that status; failed: when it ended.
    private Instant since(LraSummary lra) {
        return switch (lra.status()) {
            case "Closing", "Cancelling" -> tracker.snapshot(lra.uid())
                    .flatMap(s -> s.transitions().stream().filter(t -> t.status().equals(lra.status()))
                            .map(Transition::at).reduce((first, last) -> last))
                    .orElse(lra.startTime());
            case "FailedToClose", "FailedToCancel" -> lra.finishTime();
            case "Active" -> lra.timeLimit();
            default -> null;
        };
    }

    private static Map<String, Integer> zeros(List<String> keys) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        keys.forEach(key -> counts.put(key, 0));
        return counts;
    }
}
