package io.lrasaga.coordinator.recovery;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;

import io.lrasaga.coordinator.store.LraStore;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * Drops the coordinator's in-memory copy of a Closing/Cancelling LRA that a recovery pass has
 * finished through another copy.
 *
 * <p>Narayana 1.0.0's recovery module replays each stored LRA from a copy it reads from the
 * store, even when the LRA is also held in memory (loaded by an earlier pass, e.g. the one at
 * start after a crash). When that copy finishes the LRA — every participant answered — it
 * removes the LRA's log, but the in-memory copy, which the coordinator's API answers from,
 * stays Closing or Cancelling for ever: the LRA looks stuck although it has ended. A
 * Closing/Cancelling LRA whose log is gone (or has moved to the failed records) has ended;
 * its stale copy is removed, and the tracker then records the end it infers from the store.
 */
@ApplicationScoped
public class StaleCopies {

    private static final Logger LOG = Logger.getLogger(StaleCopies.class);
    private static final Set<LRAStatus> ENDING = EnumSet.of(LRAStatus.Closing, LRAStatus.Cancelling);

    @Inject
    LraStore store;

    /** Returns how many stale copies were dropped. */
    public int drop() {
        int dropped = 0;
        for (Map.Entry<String, LongRunningAction> held : store.inMemory().entrySet()) {
            LongRunningAction lra = held.getValue();
            if (!ENDING.contains(lra.getLRAStatus()) || store.logged(held.getKey())) {
                continue;
            }
            LOG.infof("LRA %s is %s in memory but a recovery pass has finished it (its log is gone): dropping the "
                    + "stale copy", lra.getId(), lra.getLRAStatus());
            store.service().remove(lra.getId());
            dropped++;
        }
        return dropped;
    }
}
