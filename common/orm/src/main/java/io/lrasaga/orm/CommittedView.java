package io.lrasaga.orm;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Reads an entity as the ended sagas left it: the provisional writes of LRAs still in flight
 * are taken back on a detached copy (a row they inserted does not exist, a row they deleted
 * does, a commutative field is without their deltas). A reader that must not act on
 * something a saga may still undo — a report, a price check — uses this view.
 */
@ApplicationScoped
public class CommittedView {

    @Inject
    Session session;

    public <T> Optional<T> find(Class<T> type, Object id) {
        SessionImplementor implementor = session.unwrap(SessionImplementor.class);
        EntityPersister persister = implementor.getFactory().getMappingMetamodel().getEntityDescriptor(type);
        String entityName = persister.getEntityName();
        List<SagaTables.Undo> unsettled = session.doReturningWork(
                connection -> SagaTables.unsettledWritesNewestFirst(connection, entityName, EntityChanges.id(id)));
        T current = session.find(type, id);
        if (unsettled.isEmpty()) {
            return Optional.ofNullable(current);
        }
        if (current != null) {
            session.detach(current);
        }
        Object row = current;
        for (SagaTables.Undo undo : unsettled) {
            row = switch (UndoRecord.Operation.valueOf(undo.operation())) {
                case INSERT -> null;
                case DELETE -> UndoReplay.rowFromState(persister, id, undo.payload(), implementor);
                case UPDATE -> reverted(persister, row, undo.payload());
            };
        }
        return Optional.ofNullable(type.cast(row));
    }

    private static Object reverted(EntityPersister persister, Object row, String payload) {
        if (row == null) {
            return null;
        }
        try {
            UndoReplay.revert(persister, row, payload, false, persister.getEntityName());
        } catch (UndoReplay.Conflict lenientNeverConflicts) {
            throw new IllegalStateException(lenientNeverConflicts);
        }
        return row;
    }
}
