package io.lrasaga.coordinator.tracking;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;

import io.lrasaga.coordinator.history.HistoryStore;
import io.lrasaga.coordinator.store.LraIds;
import io.lrasaga.coordinator.store.LraStore;
import io.narayana.lra.LRAData;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;
import io.quarkus.scheduler.Scheduled;

/**
 * Follows every LRA from start to end and announces each end ({@link LraEnded}) exactly once
 * per outcome. Narayana has no end-of-LRA hook, so the tracker looks: right after the
 * coordinator's own start/join/close/cancel endpoints answer ({@link ProtocolFilter}), when
 * the coordinator calls a participant of an LRA it does not follow yet ({@link CallbackWatch}:
 * a recovery pass can load an LRA, finish it and drop it within the pass), after every
 * recovery pass, and every poll interval for what happens without a request (time limits).
 */
@ApplicationScoped
public class LraTracker {

    private static final Logger LOG = Logger.getLogger(LraTracker.class);
    private static final int REMEMBERED_ENDS = 10_000;

    @Inject
    LraStore store;

    @Inject
    HistoryStore history;

    @Inject
    Event<LraEnded> ended;

    // Changed under this object's lock, except follow()'s putIfAbsent: concurrent for that.
    private final Map<String, TrackedLra> tracked = new ConcurrentHashMap<>();

    // Outcomes announced recently, so an LRA Narayana still holds (a failed one) is not
    // announced again at every poll.
    private final Map<String, String> announced = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_ENDS;
        }
    };

    /**
     * Starts following an LRA the coordinator holds in memory now, without taking the tracker's
     * lock: called from inside Narayana's own work (a callback of a recovery pass, which holds
     * the recovery module's monitor that the tracker's recovery look needs in turn).
     */
    public void follow(String uid, URI lraId) {
        if (tracked.containsKey(uid)) {
            return;
        }
        store.inMemory(lraId).ifPresent(live -> {
            TrackedLra lra = new TrackedLra(uid, live);
            lra.capture(live);
            lra.observe(Instant.now());
            tracked.putIfAbsent(uid, lra);
        });
    }

    /** Starts following an LRA (idempotent) and looks at it now. */
    public void reconcile(String uid) {
        reconcile(uid, null);
    }

    /** The same, with the LRA's exact id when known (a cheaper lookup in Narayana). */
    public synchronized void reconcile(String uid, URI lraId) {
        TrackedLra lra = tracked.get(uid);
        if (lra == null) {
            Optional<LongRunningAction> live = lraId != null ? store.inMemory(lraId).or(() -> store.inMemory(uid))
                    : store.inMemory(uid);
            if (live.isEmpty()) {
                return;
            }
            TrackedLra created = new TrackedLra(uid, live.get());
            TrackedLra followed = tracked.putIfAbsent(uid, created); // or follow() was first
            lra = followed != null ? followed : created;
        }
        look(lra, Instant.now());
    }

    /** Discovers LRAs started or recovered without passing the filter, and looks at all. */
    @Scheduled(every = "${lra-saga.coordinator.history.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void reconcileAll() {
        Instant now = Instant.now();
        for (Map.Entry<String, LongRunningAction> live : store.inMemory().entrySet()) {
            String uid = live.getKey();
            if (tracked.containsKey(uid) || alreadyAnnounced(uid, live.getValue().getLRAStatus())) {
                continue;
            }
            tracked.putIfAbsent(uid, new TrackedLra(uid, live.getValue()));
        }
        for (TrackedLra lra : new ArrayList<>(tracked.values())) {
            look(lra, now);
        }
    }

    /** After a recovery pass: also failed LRAs that ended while nobody was looking (a crash). */
    public synchronized void afterRecoveryPass() {
        reconcileAll();
        for (LRAData failed : store.failed()) {
            String uid = LraIds.uidOf(failed.getLraId());
            if (!tracked.containsKey(uid) && !alreadyAnnounced(uid, failed.getStatus())) {
                store.failed(uid).ifPresent(copy -> {
                    TrackedLra lra = new TrackedLra(uid, copy);
                    lra.capture(copy);
                    lra.observe(Instant.now());
                    announce(lra, failed.getStatus().name(), false, null);
                });
            }
        }
    }

    /** A failed LRA as the store keeps it (no transitions: those were seen before it failed). */
    public Optional<Snapshot> storedFailure(String uid) {
        return store.failed(uid).map(copy -> {
            TrackedLra lra = new TrackedLra(uid, copy);
            lra.capture(copy);
            lra.observe(Instant.now());
            return new Snapshot(lra.data(), lra.views(null), List.of());
        });
    }

    /** The tracker's view of a running LRA: its participants and the transitions seen. */
    public synchronized Optional<Snapshot> snapshot(String uid) {
        reconcile(uid);
        TrackedLra lra = tracked.get(uid);
        if (lra == null) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(lra.data(), lra.views(null), List.copyOf(lra.transitions)));
    }

    /** What is known of an LRA: Narayana's data, its participants, the transitions seen. */
    public record Snapshot(LRAData data, List<ParticipantView> participants, List<Transition> transitions) {
    }

    private void look(TrackedLra lra, Instant now) {
        try {
            Optional<LongRunningAction> live = store.inMemory(lra.lra.getId());
            // a recovery pass may have replaced Narayana's instance of this LRA
            live.ifPresent(current -> lra.lra = current);
            lra.capture(lra.lra);
            lra.observe(now);
            LRAStatus status = lra.status();
            if (isEnd(status)) {
                announce(lra, status.name(), false, null);
            } else if (live.isEmpty()) {
                concludeVanished(lra, status, now);
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "cannot look at LRA %s now; next time", lra.uid);
        }
    }

    // Narayana dropped the LRA from memory without this instance reaching an end: another
    // instance (a recovery replay, a timeout on a reloaded copy) ended it. The store tells how.
    private void concludeVanished(TrackedLra lra, LRAStatus lastSeen, Instant now) {
        Optional<LongRunningAction> failed = store.failed(lra.uid);
        if (failed.isPresent()) {
            lra.lra = failed.get();
            lra.capture(failed.get());
            lra.observe(now);
            announce(lra, failed.get().getLRAStatus().name(), false, null);
            return;
        }
        if (store.logged(lra.uid)) {
            return; // still in the store: the next recovery pass reloads it
        }
        switch (lastSeen) {
            case Closing -> announce(lra, LRAStatus.Closed.name(), true, "Completed");
            case Cancelling -> announce(lra, LRAStatus.Cancelled.name(), true, "Compensated");
            default -> {
                long deadline = lra.data().getFinishTime();
                boolean timedOut = deadline > 0 && deadline <= now.toEpochMilli();
                announce(lra, timedOut ? LRAStatus.Cancelled.name() : "Unknown", true,
                        timedOut ? "Compensated" : null);
            }
        }
    }

    private void announce(TrackedLra lra, String status, boolean inferred, String participantState) {
        tracked.remove(lra.uid);
        if (status.equals(announced.get(lra.uid))) {
            return;
        }
        announced.put(lra.uid, status);
        LRAData data = lra.data();
        Instant start = data.getStartTime() > 0 ? Instant.ofEpochMilli(data.getStartTime()) : null;
        // Narayana's finish time is the time limit until a request ends the LRA; an end by a
        // recovery pass leaves it there, possibly in the future.
        Instant now = Instant.now();
        Instant end = data.getFinishTime() > 0 && !inferred ? min(Instant.ofEpochMilli(data.getFinishTime()), now) : now;
        List<Transition> transitions = new ArrayList<>(lra.transitions);
        if (transitions.isEmpty() || !transitions.get(transitions.size() - 1).status().equals(status)) {
            transitions.add(new Transition(status, end));
        }
        LraEnded event = new LraEnded(lra.uid, data.getLraId(), lra.lra.getParentId(), data.getClientId(),
                data.isTopLevel(), status, inferred, start, end, lra.views(participantState), transitions);
        try {
            ended.fire(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the end of LRA %s (%s)", lra.uid, status);
        }
    }

    private boolean alreadyAnnounced(String uid, LRAStatus status) {
        if (status == null) {
            return false;
        }
        if (status.name().equals(announced.get(uid))) {
            return true;
        }
        return isEnd(status) && history.outcome(uid).filter(status.name()::equals).isPresent();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static boolean isEnd(LRAStatus status) {
        return status == LRAStatus.Closed || status == LRAStatus.Cancelled || status == LRAStatus.FailedToClose
                || status == LRAStatus.FailedToCancel;
    }

    /**
     * A failed LRA whose participants an operator's retry has now all finished: recorded with
     * the outcome it should have had ({@code Closed} or {@code Cancelled}), participants as
     * {@code participantState}.
     */
    public synchronized void retriedToEnd(String uid, LongRunningAction failedCopy, String status,
            String participantState) {
        TrackedLra lra = new TrackedLra(uid, failedCopy);
        lra.capture(failedCopy);
        lra.observe(Instant.now());
        announce(lra, status, false, participantState);
    }

    /** Forgets an LRA an operator removed, so that it is not looked for any more. */
    public synchronized void forget(String uid) {
        tracked.remove(uid);
    }
}
