package io.lrasaga.coordinator.admin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.lra.annotation.LRAStatus;

import io.lrasaga.coordinator.history.HistoryStore;
import io.lrasaga.coordinator.recovery.RecoveryRunner;
import io.lrasaga.coordinator.store.LraIds;
import io.lrasaga.coordinator.store.LraStore;
import io.lrasaga.coordinator.store.ParticipantRecords;
import io.lrasaga.coordinator.tracking.LraTracker;
import io.lrasaga.coordinator.tracking.ParticipantView;
import io.narayana.lra.LRAData;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * What operators can see and do with LRAs the coordinator holds: the running ones in
 * memory and the failed ones in the store.
 */
@ApplicationScoped
public class LraAdmin {

    @Inject
    LraStore store;

    @Inject
    LraTracker tracker;

    @Inject
    RecoveryRunner recovery;

    @Inject
    HistoryStore history;

    @Inject
    FailureReasons reasons;

    /** Every running LRA in memory and every failed one in the store, in no particular order. */
    public Collection<LraSummary> all() {
        Map<String, LraSummary> all = new LinkedHashMap<>();
        store.inMemory().forEach((uid, lra) -> all.put(uid, LraSummary.of(lra.getLRAData(), participants(lra))));
        for (LRAData failed : store.failed()) {
            String uid = LraIds.uidOf(failed.getLraId());
            int participants = store.failed(uid).map(LraAdmin::participants).orElse(0);
            all.put(uid, LraSummary.of(failed, participants));
        }
        return all.values();
    }

    public Page<LraSummary> list(Optional<LRAStatus> status, Optional<String> clientId, Optional<Duration> olderThan,
            PageRequest page) {
        Instant startedBefore = olderThan.map(d -> Instant.now().minus(d)).orElse(null);
        List<LraSummary> found = new ArrayList<>();
        for (LraSummary lra : all()) {
            if (status.isPresent() && !status.get().name().equals(lra.status())) {
                continue;
            }
            if (clientId.isPresent() && !clientId.get().equals(lra.clientId())) {
                continue;
            }
            if (startedBefore != null && (lra.startTime() == null || lra.startTime().isAfter(startedBefore))) {
                continue;
            }
            found.add(lra);
        }
        found.sort(Comparator.comparing(LraSummary::startTime, Comparator.nullsLast(Comparator.reverseOrder())));
        Page<LraSummary> one = Page.of(found, page);
        boolean failedOnly = status.filter(s -> s == LRAStatus.FailedToClose || s == LRAStatus.FailedToCancel)
                .isPresent();
        return failedOnly ? one.map(withFailures(one.items())) : one;
    }

    // Only for the failed-LRAs list: it is short, and asking every participant of a full
    // list (the dashboard reloads it every few seconds) would be a load for nothing.
    private Function<LraSummary, LraSummary> withFailures(List<LraSummary> lras) {
        Map<URI, List<ParticipantView>> participants = new LinkedHashMap<>();
        for (LraSummary lra : lras) {
            tracker.snapshot(lra.uid()).or(() -> tracker.storedFailure(lra.uid()))
                    .ifPresent(found -> participants.put(lra.lraId(), found.participants()));
        }
        Map<URI, List<ParticipantView>> explained = reasons.explainAll(participants);
        return lra -> lra.withFailures(explained.getOrDefault(lra.lraId(), List.of()).stream()
                .filter(FailureReasons::failed)
                .map(p -> new LraSummary.ParticipantFailure(p.participant(), p.state(), p.reason()))
                .toList());
    }

    public LraDetail detail(String uid) {
        Optional<LraTracker.Snapshot> snapshot = tracker.snapshot(uid).or(() -> tracker.storedFailure(uid));
        if (snapshot.isEmpty()) {
            throw notFound(uid);
        }
        LraTracker.Snapshot found = snapshot.get();
        return new LraDetail(LraSummary.of(found.data(), found.participants().size()),
                reasons.explain(found.data().getLraId(), found.participants()), found.transitions());
    }

    public ActionResult end(String uid, boolean cancel) {
        String action = cancel ? "cancel" : "close";
        LongRunningAction lra = running(uid);
        LRAStatus status = lra.getLRAStatus();
        if (status != LRAStatus.Active) {
            throw AdminProblem.notActive(uid, String.valueOf(status));
        }
        tracker.reconcile(uid);
        LRAData after;
        try {
            after = store.service().endLRA(lra.getId(), cancel, false);
        } catch (WebApplicationException e) {
            // Narayana refuses (412) when someone else ended it in the meantime
            throw AdminProblem.notActive(uid, String.valueOf(lra.getLRAStatus()));
        }
        tracker.reconcile(uid);
        return new ActionResult(uid, action, after.getStatus().name());
    }

    @Inject
    FailedLraRetry failedRetry;

    /**
     * Closing/Cancelling: a recovery pass now. FailedToClose/FailedToCancel: the unfinished
     * participants are called again ({@link FailedLraRetry}).
     */
    public ActionResult retry(String uid) {
        Optional<LongRunningAction> live = store.inMemory(uid);
        if (live.isEmpty()) {
            Optional<LongRunningAction> failed = store.failed(uid);
            if (failed.isPresent()) {
                FailedLraRetry.Result result = failedRetry.retry(uid, failed.get());
                return new ActionResult(uid, "retry", result.status(), result.participants());
            }
            throw notFound(uid);
        }
        LRAStatus status = live.get().getLRAStatus();
        if (status == LRAStatus.Active) {
            throw AdminProblem.notRetryable(uid, status.name(),
                    "it is still running; close or cancel it instead");
        }
        if (status != LRAStatus.Closing && status != LRAStatus.Cancelling) {
            throw AdminProblem.notRetryable(uid, String.valueOf(status),
                    "only Closing or Cancelling LRAs wait for a retry");
        }
        // Narayana replays only from a recovery pass (which retries every waiting LRA: the
        // participants' complete/compensate are idempotent by the LRA specification).
        recovery.passNow();
        tracker.reconcile(uid);
        return new ActionResult(uid, "retry", currentStatus(uid));
    }

    public void forget(String uid) {
        Optional<LongRunningAction> live = store.inMemory(uid);
        if (live.isPresent()) {
            LRAStatus status = live.get().getLRAStatus();
            if (status != LRAStatus.FailedToClose && status != LRAStatus.FailedToCancel) {
                throw AdminProblem.stillActive(uid, String.valueOf(status));
            }
        } else if (store.failed(uid).isEmpty()) {
            throw notFound(uid);
        }
        tracker.reconcile(uid); // the failure reaches the history before its log goes
        store.forget(uid);
        tracker.forget(uid);
    }

    private String currentStatus(String uid) {
        return store.inMemory(uid).map(l -> String.valueOf(l.getLRAStatus()))
                .or(() -> store.failed(uid).map(l -> l.getLRAStatus().name()))
                .or(() -> history.outcome(uid))
                .orElse("Unknown");
    }

    private LongRunningAction running(String uid) {
        return store.inMemory(uid).orElseGet(() -> {
            Optional<LongRunningAction> failed = store.failed(uid);
            if (failed.isPresent()) {
                throw AdminProblem.notActive(uid, failed.get().getLRAStatus().name());
            }
            throw notFound(uid);
        });
    }

    private AdminProblem notFound(String uid) {
        return history.outcome(uid)
                .map(outcome -> AdminProblem.notFound("LRA " + uid + " ended " + outcome
                        + "; see /admin/history/" + uid).with("lraStatus", outcome))
                .orElseGet(() -> AdminProblem.notFound("the coordinator knows no LRA " + uid));
    }

    private static int participants(LongRunningAction lra) {
        try {
            return ParticipantRecords.of(lra).size();
        } catch (RuntimeException busy) {
            return -1;
        }
    }
}
