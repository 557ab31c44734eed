package io.lrasaga.orm;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

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
        capture(entity, id, (connection, lra) -> {
            lockFor(connection, entity, id, lra);
            return new Undo(UndoRecord.Operation.INSERT, null);
        }, false);
        return false;
    }

    @Override
    public void onRemove(Object entity, Object id, Object[] state, String[] names, Type[] types) {
        capture(entity, id, (connection, lra) -> {
            lockFor(connection, entity, id, lra);
            return new Undo(UndoRecord.Operation.DELETE,
                    EntityChanges.stateJson(Hibernate.getClass(entity), state, names, types));
        }, false);
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
        boolean commutativeOnly = changes.stream().allMatch(EntityChanges.Change::commutative);
        capture(entity, id, (connection, lra) -> {
            if (commutativeOnly) {
                refuseIfHeldByOther(connection, entity, id, lra);
            } else {
                lockFor(connection, entity, id, lra);
            }
            return new Undo(UndoRecord.Operation.UPDATE, EntityChanges.changesJson(changes));
        }, commutativeOnly);
        return false;
    }

    private record Undo(UndoRecord.Operation operation, String payload) {
    }

    private interface Step {
        Undo record(Connection connection, String lraId) throws SQLException;
    }

    private void capture(Object entity, Object id, Step step, boolean commutativeOnly) {
        if (internal(entity)) {
            return;
        }
        Optional<SagaContext> context = SagaContext.current();
        if (context.isPresent() && context.get().replaying().isPresent()) {
            return;
        }
        Optional<String> lra = context.flatMap(SagaContext::lraId);
        session().doWork(connection -> {
            if (lra.isEmpty()) {
                // Outside any saga: allowed unless a saga holds the row (its undo would break).
                String key = lockKey(entity, id);
                Optional<String> holder = SagaTables.lockHolder(connection, key);
                if (holder.isPresent() && !commutativeOnly) {
                    throw conflict(entity, id, holder.get());
                }
                return;
            }
            begin(connection, lra.get());
            Undo undo = step.record(connection, lra.get());
            SagaTables.appendUndo(connection, lra.get(), undo.operation(), Hibernate.getClass(entity).getName(),
                    EntityChanges.id(id), undo.payload());
        });
    }

    /** Once per transaction: the ledger row exists and the LRA is still open for work. */
    private void begin(Connection connection, String lraId) throws SQLException {
        TransactionSynchronizationRegistry tx = Arc.container().instance(TransactionSynchronizationRegistry.class)
                .get();
        if (lraId.equals(tx.getResource(BEGUN))) {
            return;
        }
        String status = SagaTables.beginWork(connection, lraId);
        if (!status.equals("Active")) {
            // The coordinator already ended this LRA here (e.g. a compensation overtook the step).
            throw new ProblemException(ProblemType.LRA_NOT_ACTIVE, "the LRA has already ended here (" + status + ")");
        }
        tx.putResource(BEGUN, lraId);
    }

    private void lockFor(Connection connection, Object entity, Object id, String lraId) throws SQLException {
        String holder = SagaTables.lock(connection, lockKey(entity, id), lraId);
        if (!holder.equals(lraId)) {
            throw conflict(entity, id, holder);
        }
    }

    private void refuseIfHeldByOther(Connection connection, Object entity, Object id, String lraId)
            throws SQLException {
        Optional<String> holder = SagaTables.lockHolder(connection, lockKey(entity, id));
        if (holder.isPresent() && !holder.get().equals(lraId)) {
            throw conflict(entity, id, holder.get());
        }
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
