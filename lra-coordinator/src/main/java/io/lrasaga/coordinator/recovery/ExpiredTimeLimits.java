package io.lrasaga.coordinator.recovery;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;

import io.lrasaga.coordinator.store.LraStore;
import io.narayana.lra.LRAData;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * Cancels an LRA whose time limit passed while the instance the coordinator serves is still
 * Active.
 *
 * <p>Narayana 1.0.0 re-arms a reloaded LRA's time limit in {@code restore_state}, but its
 * {@code scheduleCancellation} compares "now + remaining" with the deadline it just restored
 * and, as the remaining time is truncated to milliseconds and time has moved on, usually
 * finds the new deadline later and schedules nothing: after a coordinator restart the served
 * instance never times out. (Narayana's own passes then cancelled a private copy read from
 * the store, whose participants were told {@code Active} by the coordinator and rightly
 * refused to compensate; {@link NoActiveCopiesRecoveryModule} reads no copy of a served Active
 * LRA.) Ending the served instance here enforces the limit; it runs after every pass, so a time
 * limit is enforced at most one recovery period late.
 */
@ApplicationScoped
public class ExpiredTimeLimits {

    private static final Logger LOG = Logger.getLogger(ExpiredTimeLimits.class);

    @Inject
    LraStore store;

    /** Returns how many LRAs were cancelled. */
    public int cancel() {
        int cancelled = 0;
        long now = System.currentTimeMillis();
        for (LongRunningAction lra : store.inMemory().values()) {
            LRAData data = lra.getLRAData();
            if (data.getStatus() != LRAStatus.Active || data.getFinishTime() <= 0 || data.getFinishTime() > now) {
                continue;
            }
            URI id = lra.getId();
            LOG.infof("LRA %s passed its time limit %d ms ago and is still Active: cancelling it", id,
                    now - data.getFinishTime());
            try {
                store.service().endLRA(id, true, false);
                cancelled++;
            } catch (RuntimeException e) {
                // another thread holds the LRA, or a participant is unreachable: next pass
                LOG.debugf(e, "cancelling LRA %s after its time limit", id);
            }
        }
        return cancelled;
    }
}
