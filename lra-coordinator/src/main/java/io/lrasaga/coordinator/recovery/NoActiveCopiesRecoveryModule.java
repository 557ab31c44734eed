package io.lrasaga.coordinator.recovery;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;

import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.exceptions.ObjectStoreException;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.internal.arjuna.common.UidHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

import io.lrasaga.coordinator.store.LraStore;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;
import io.narayana.lra.coordinator.domain.service.LRAService;
import io.narayana.lra.coordinator.internal.LRARecoveryModule;

/**
 * Narayana's LRA recovery module, except that a pass leaves alone the LRAs the coordinator
 * serves and that are Active or being ended by a request at that moment.
 *
 * <p>Narayana 1.0.0 reads a private copy of every stored LRA on each pass. Reading it re-arms
 * the LRA's time limit on the copy, and nothing cancels that timer when the served LRA ends:
 * at the deadline the copy cancelled the LRA again and asked participants that had already
 * completed to compensate. The benchmark saw it for 18–30 of ~5 000 sagas a run, all in
 * flight at the same pass. An Active LRA has nothing to replay, and one that a request is
 * ending holds its lock (the copy's replay would skip it anyway; the next pass finds it if it
 * is still unfinished); every other stored LRA is recovered by Narayana's own code, as before.
 */
public class NoActiveCopiesRecoveryModule extends LRARecoveryModule {

    private static final Logger LOG = Logger.getLogger(NoActiveCopiesRecoveryModule.class);
    private static final Method RECOVER_ONE = recoverOne();

    /**
     * Makes Narayana's recovery manager run this module instead of its own; call before the
     * manager starts. An instance, not a class name: Narayana loads named modules through its
     * own class loader, which in Quarkus' test and dev modes cannot see application classes.
     */
    static void install() {
        BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class)
                .setRecoveryModules(List.of(new NoActiveCopiesRecoveryModule()));
    }

    /** Whether the coordinator's recovery runs this module (by name: Quarkus tests reload classes). */
    static boolean installed() {
        return LRARecoveryModule.getInstance().getClass().getName().equals(NoActiveCopiesRecoveryModule.class.getName());
    }

    @Override
    public void periodicWorkSecondPass() {
        recoverStored();
    }

    @Override
    public void recover() {
        recoverStored();
    }

    // Synchronized like Narayana's pass: the periodic and the on-demand ones never overlap.
    private synchronized void recoverStored() {
        List<Uid> stored = storedLras();
        LRAService service = getService();
        Map<String, LongRunningAction> served = LraStore.inMemory(service);
        for (Uid uid : stored) {
            LongRunningAction lra = served.get(uid.fileStringForm());
            if (lra == null) {
                recoverOne(uid);
                continue;
            }
            if (lra.getLRAStatus() == LRAStatus.Active) {
                continue; // nothing to replay; and locking it would cost every LRA in flight a lock
            }
            URI id = lra.getId();
            ReentrantLock lock = service.tryLockTransaction(id);
            if (lock == null) {
                continue; // a request is ending it
            }
            try {
                recoverOne(uid); // no longer Active, and an LRA never becomes Active again
            } finally {
                lock.unlock();
                forgetLockOfEnded(service, id);
            }
        }
    }

    /**
     * Narayana creates a lock for any id it is asked to lock and drops it only when it removes a
     * served LRA; an LRA that ended while this pass held its lock has been removed already, so
     * its lock would stay in the map for the coordinator's lifetime. Under the service's monitor,
     * the one its lock calls hold, so no request takes that lock meanwhile; for an id neither
     * served nor recovering, {@code remove} drops only the lock.
     */
    private static void forgetLockOfEnded(LRAService service, URI id) {
        synchronized (service) {
            if (!service.hasTransaction(id)) {
                service.remove(id);
            }
        }
    }

    private static List<Uid> storedLras() {
        List<Uid> uids = new ArrayList<>();
        InputObjectState state = new InputObjectState();
        try {
            if (!StoreManager.getRecoveryStore().allObjUids(LongRunningAction.getType(), state)) {
                LOG.warn("cannot list the stored LRAs: this recovery pass does nothing");
                return uids;
            }
            for (Uid uid = UidHelper.unpackFrom(state); uid.notEquals(Uid.nullUid()); uid = UidHelper.unpackFrom(state)) {
                uids.add(uid);
            }
        } catch (ObjectStoreException | IOException e) {
            LOG.warnf(e, "cannot list the stored LRAs: this recovery pass recovers the %d read so far", uids.size());
        }
        return uids;
    }

    private void recoverOne(Uid uid) {
        try {
            RECOVER_ONE.invoke(this, uid);
        } catch (IllegalAccessException | InvocationTargetException e) {
            LOG.warnf(e, "recovering LRA %s", uid.fileStringForm());
        }
    }

    // Narayana's recovery of one stored LRA is private; the version is pinned by the BOM, and a
    // coordinator whose Narayana lacks it fails at start instead of running without the fix.
    private static Method recoverOne() {
        try {
            Method method = LRARecoveryModule.class.getDeclaredMethod("doRecoverTransaction", Uid.class);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this Narayana LRA coordinator has no LRARecoveryModule."
                    + "doRecoverTransaction(Uid): NoActiveCopiesRecoveryModule is written for 1.0.0.Final", e);
        }
    }
}
