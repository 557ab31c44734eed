package io.lrasaga.coordinator.store;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.exceptions.ObjectStoreException;
import com.arjuna.ats.arjuna.objectstore.RecoveryStore;
import com.arjuna.ats.arjuna.objectstore.StateStatus;
import com.arjuna.ats.arjuna.objectstore.StoreManager;

import io.narayana.lra.LRAData;
import io.narayana.lra.coordinator.domain.model.FailedLongRunningAction;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;
import io.narayana.lra.coordinator.domain.service.LRAService;
import io.narayana.lra.coordinator.internal.LRARecoveryModule;

/**
 * Our one door into Narayana's coordinator state: the LRAs its LRAService holds in memory
 * (Active, Closing, Cancelling, and ended ones not yet dropped) and the failed LRAs Narayana
 * moves to a separate record type in the object store.
 */
@ApplicationScoped
public class LraStore {

    private static final Logger LOG = Logger.getLogger(LraStore.class);

    public LRAService service() {
        return LRARecoveryModule.getService();
    }

    /** Every LRA the coordinator holds in memory, by uid. */
    public Map<String, LongRunningAction> inMemory() {
        return inMemory(service());
    }

    /** The same from the given service: for Narayana's recovery module, which is no bean. */
    public static Map<String, LongRunningAction> inMemory(LRAService service) {
        Map<String, LongRunningAction> found = new LinkedHashMap<>();
        for (LRAData data : service.getAll()) {
            LongRunningAction lra = service.lookupTransaction(data.getLraId());
            if (lra != null) {
                found.put(LraIds.uidOf(lra.getId()), lra);
            }
        }
        return found;
    }

    public Optional<LongRunningAction> inMemory(String uid) {
        return Optional.ofNullable(service().lookupTransaction(LraIds.lookupUri(uid)));
    }

    /**
     * The same by the LRA's exact id: a map lookup, where a uid alone makes Narayana compare
     * it with every LRA it holds.
     */
    public Optional<LongRunningAction> inMemory(URI lraId) {
        return Optional.ofNullable(service().lookupTransaction(lraId));
    }

    /** The failed LRAs kept in the store until an operator forgets them. */
    public List<LRAData> failed() {
        return new ArrayList<>(service().getFailedLRAs());
    }

    /** A failed LRA read back from the store, with its participant records. */
    public Optional<LongRunningAction> failed(String uid) {
        try {
            if (recoveryStore().currentState(new Uid(uid), FailedLongRunningAction.getType()) == StateStatus.OS_UNKNOWN) {
                return Optional.empty();
            }
        } catch (ObjectStoreException e) {
            LOG.debugf(e, "cannot read failed LRA %s", uid);
            return Optional.empty();
        }
        // Safe to activate a copy: an ended LRA restores without scheduling a timeout.
        FailedLongRunningAction lra = new FailedLongRunningAction(service(), new Uid(uid));
        if (!lra.activate()) {
            return Optional.empty();
        }
        LRAStatus status = lra.getLRAStatus();
        return status == LRAStatus.FailedToClose || status == LRAStatus.FailedToCancel ? Optional.of(lra)
                : Optional.empty();
    }

    /** Whether the store still holds the (not failed) log of this LRA. */
    public boolean logged(String uid) {
        try {
            return recoveryStore().currentState(new Uid(uid), LongRunningAction.getType()) != StateStatus.OS_UNKNOWN;
        } catch (ObjectStoreException e) {
            // unknown counts as present: never conclude an LRA ended from a read error
            return true;
        }
    }

    /** Removes every record of an ended LRA, in the store and in memory. */
    public boolean forget(String uid) {
        Uid id = new Uid(uid);
        boolean removed = false;
        try {
            RecoveryStore store = recoveryStore();
            for (String type : List.of(FailedLongRunningAction.getType(), LongRunningAction.getType())) {
                if (store.currentState(id, type) != StateStatus.OS_UNKNOWN) {
                    removed |= store.remove_committed(id, type);
                }
            }
        } catch (ObjectStoreException e) {
            throw new IllegalStateException("cannot remove the log of LRA " + uid + ": " + e.getMessage(), e);
        }
        LongRunningAction lra = service().lookupTransaction(LraIds.lookupUri(uid));
        if (lra != null) {
            service().remove(lra.getId());
            removed = true;
        }
        return removed;
    }

    /** A recovery pass now, on this thread: loads stored LRAs and replays unfinished ones. */
    public void scan() {
        service().scan();
    }

    private static RecoveryStore recoveryStore() {
        return StoreManager.getRecoveryStore();
    }
}
