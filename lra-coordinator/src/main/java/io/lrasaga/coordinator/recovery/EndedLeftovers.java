package io.lrasaga.coordinator.recovery;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;

import io.lrasaga.coordinator.store.LraStore;
import io.lrasaga.coordinator.store.ParticipantRecords;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * Forgets an LRA that has ended (Closed or Cancelled) with nothing left to do but that the
 * coordinator still holds, and removes its log.
 *
 * <p>An LRA no participant joined — its initiator died right after starting it — that is
 * reloaded from the store after a coordinator crash and then ends (its time limit, a close)
 * keeps its log in Narayana 1.0.0: with no participant records the end saves nothing and never
 * reaches the step that removes the log, so every recovery pass loads it again and the
 * coordinator lists a Cancelled (or Closed) LRA for ever (found by the chaos runner; regression
 * test {@code EndedLogsIT}). Narayana drops an ended LRA from memory at once unless it still has
 * records to deliver (after-LRA notifications on the heuristic list), so one held Closed or
 * Cancelled with no participant record on any list, seen so on two passes in a row (never an
 * end still in progress on a request thread), is a leftover: its log is removed and it is
 * dropped; the tracker has recorded its end already.
 */
@ApplicationScoped
public class EndedLeftovers {

    private static final Logger LOG = Logger.getLogger(EndedLeftovers.class);
    private static final Set<LRAStatus> ENDED = EnumSet.of(LRAStatus.Closed, LRAStatus.Cancelled);

    @Inject
    LraStore store;

    private final Set<String> seenLastPass = new HashSet<>();

    /** Returns how many leftovers were forgotten. */
    public synchronized int forget() {
        Set<String> seen = new HashSet<>();
        int forgotten = 0;
        for (Map.Entry<String, LongRunningAction> held : store.inMemory().entrySet()) {
            String uid = held.getKey();
            LongRunningAction lra = held.getValue();
            // A nested LRA that closed stays held until its parent ends (the parent may still compensate it).
            if (!lra.isTopLevel() || !ENDED.contains(lra.getLRAStatus()) || !ParticipantRecords.of(lra).stream()
                    .allMatch(record -> record.list().equals("readonly"))) {
                continue;
            }
            seen.add(uid);
            if (seenLastPass.contains(uid) && store.forget(uid)) {
                LOG.infof("LRA %s ended %s but was still held (its log left in the store): forgotten", lra.getId(),
                        lra.getLRAStatus());
                forgotten++;
            }
        }
        seenLastPass.clear();
        seenLastPass.addAll(seen);
        return forgotten;
    }
}
