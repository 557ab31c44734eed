package io.lrasaga.coordinator.recovery;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;

import io.lrasaga.coordinator.admin.FailedLraRetry;
import io.lrasaga.coordinator.store.LraStore;
import io.lrasaga.coordinator.store.ParticipantRecords;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * Finishes a Closing/Cancelling LRA that Narayana's recovery has stopped driving.
 *
 * <p>When the coordinator dies in the middle of a close or cancel, the stored log says Closing
 * (or Cancelling) with the participants on Narayana's prepared list and none pending or
 * heuristic. Narayana 1.0.0's {@code RecoveringLRA.replayPhase2} only replays an LRA that has
 * pending or heuristic records, so no pass ever calls those participants again and the LRA stays
 * Closing for ever. Such an LRA — reloaded from the store (Narayana's RecoveringLRA), seen in
 * that state by two passes in a row so Narayana had its chance — is finished here as an
 * operator's retry would: every participant not yet finished is called again (idempotent by the
 * specification), and when all have finished the log is removed and the end recorded.
 */
@ApplicationScoped
public class StalledEnds {

    private static final Logger LOG = Logger.getLogger(StalledEnds.class);

    @Inject
    LraStore store;

    @Inject
    FailedLraRetry retry;

    private final Set<String> stalledLastPass = new HashSet<>();

    /** Returns how many stalled LRAs were finished. */
    public synchronized int finish() {
        Set<String> stalled = new HashSet<>();
        int finished = 0;
        for (Map.Entry<String, LongRunningAction> held : store.inMemory().entrySet()) {
            String uid = held.getKey();
            LongRunningAction lra = held.getValue();
            LRAStatus status = lra.getLRAStatus();
            if (!reloaded(lra) || (status != LRAStatus.Closing && status != LRAStatus.Cancelling)
                    || !store.logged(uid)) {
                continue;
            }
            List<ParticipantRecords.OnList> records = ParticipantRecords.of(lra);
            if (records.isEmpty() || records.stream().anyMatch(r -> !r.list().equals("prepared"))) {
                continue;
            }
            stalled.add(uid);
            if (!stalledLastPass.contains(uid)) {
                continue;
            }
            FailedLraRetry.Result result = retry.retry(uid, lra);
            LOG.infof("LRA %s was %s with no participant left for recovery to call: called them again, now %s",
                    lra.getId(), status, result.status());
            if (!result.status().equals(status.name())) {
                finished++;
            }
        }
        stalledLastPass.clear();
        stalledLastPass.addAll(stalled);
        return finished;
    }

    // Narayana's RecoveringLRA (package-private): the copy a recovery pass loaded from the store,
    // never one a request thread is closing right now.
    private static boolean reloaded(LongRunningAction lra) {
        return lra.getClass().getName().equals("io.narayana.lra.coordinator.internal.RecoveringLRA");
    }
}
