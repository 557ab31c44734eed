package io.lrasaga.orm;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.lrasaga.participant.SagaConflictException;
import io.lrasaga.participant.SagaContext;
import io.lrasaga.participant.SagaMetrics;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Hibernate;
import org.hibernate.Interceptor;
import org.hibernate.Session;
import org.hibernate.type.Type;
import org.jboss.logging.Logger;

/**
 * Records every entity insert, update and delete made by a saga step into the ledger, in the
 * step's own transaction, and enforces the semantic locks: a row inserted, deleted or changed
 * non-commutatively by an in-flight LRA cannot be written by anyone else until that LRA ends.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class CaptureInterceptor implements Interceptor {

    private static final Logger LOG = Logger.getLogger(CaptureInterceptor.class);
    private static final String BEGUN = CaptureInterceptor.class.getName() + ".begun";

    @Override
    public boolean onPersist(Object entity, Object id, Object[] state, String[] names, Type[] types) {
        capture(entity, id, UndoRecord.Operation.INSERT, () -> null, false);
        return false;
    }

    @Override
    public void onRemove(Object entity, Object id, Object[] state, String[] names, Type[] types) {
        capture(entity, id, UndoRecord.Operation.DELETE,
                () -> EntityChanges.stateJson(Hibernate.getClass(entity), state, names, types), false);
    }

    @Override
    public boolean onFlushDirty(Object entity, Object id, Object[] current, Object[] previous, String[] names,
            Type[] types) {
        if (internal(entity)) {
            return false;
        }
        if (previous == null) {
            throw new IllegalStateException("lra-saga needs the loaded state of " + Hibernate.getClass(entity).getName()
                    + " " + id + " to undo a change: load the entity before changing it");
        }
        List<EntityChanges.Change> changes = EntityChanges.diff(Hibernate.getClass(entity), previous, current, names,
                types);
        if (changes.isEmpty()) {
            return false;
        }
        // A change of commutative fields only is undone as a delta: it leaves the row to other LRAs.
        boolean commutativeOnly = changes.stream().allMatch(EntityChanges.Change::commutative);
        capture(entity, id, UndoRecord.Operation.UPDATE, () -> EntityChanges.changesJson(changes), commutativeOnly);
        return false;
    }

    private void capture(Object entity, Object id, UndoRecord.Operation operation, Supplier<String> payload,
            boolean commutativeOnly) {
        if (internal(entity)) {
            return;
        }
        Optional<SagaContext> context = SagaContext.current();
        if (context.isPresent() && context.get().replaying().isPresent()) {
            return;
        }
        Optional<String> lra = context.flatMap(SagaContext::lraId);
        String key = lockKey(entity, id);
        session().doWork(connection -> {
            if (lra.isEmpty()) {
                // Outside any saga: allowed unless a saga holds the row (its undo would break).
                Optional<String> holder = SagaTables.lockHolder(connection, key);
                if (holder.isPresent() && !commutativeOnly) {
                    throw conflict(entity, id, holder.get());
                }
                return;
            }
            TransactionSynchronizationRegistry tx = Arc.container().instance(TransactionSynchronizationRegistry.class)
                    .get();
            boolean first = !lra.get().equals(tx.getResource(BEGUN));
            SagaTables.Recorded recorded = SagaTables.recordWrite(connection, lra.get(), first, key, !commutativeOnly,
                    operation, Hibernate.getClass(entity).getName(), EntityChanges.id(id), payload.get());
            if (first) {
                // Once per transaction: the LRA is still open for work here.
                String status = recorded.createdLedger().isPresent() ? recorded.createdLedger().get()
                        : SagaTables.sharedStatus(connection, lra.get());
                if (!status.equals("Active")) {
                    // The coordinator already ended this LRA here (e.g. a compensation overtook the step).
                    throw new ProblemException(ProblemType.LRA_NOT_ACTIVE,
                            "the LRA has already ended here (" + status + ")");
                }
                tx.putResource(BEGUN, lra.get());
            }
            if (recorded.holder().isPresent() && !recorded.holder().get().equals(lra.get())) {
                throw conflict(entity, id, recorded.holder().get());
            }
        });
    }

    private SagaConflictException conflict(Object entity, Object id, String holder) {
        LOG.debugf("saga conflict on %s %s held by %s", Hibernate.getClass(entity).getName(), id, holder);
        SagaContext.current().ifPresent(ignored -> Arc.container().instance(SagaMetrics.class).get().conflict());
        return new SagaConflictException(Hibernate.getClass(entity).getName(), String.valueOf(id));
    }

    static String lockKey(Object entity, Object id) {
        return Hibernate.getClass(entity).getName() + "#" + EntityChanges.id(id);
    }

    private static boolean internal(Object entity) {
        return entity instanceof LedgerRecord || entity instanceof UndoRecord || entity instanceof RowLock
                || entity instanceof IdempotentRequest;
    }

    private static Session session() {
        return Arc.container().instance(Session.class).get();
    }
}
