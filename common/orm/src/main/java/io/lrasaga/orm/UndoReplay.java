package io.lrasaga.orm;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.hibernate.LockOptions;
import org.hibernate.LockMode;
import org.hibernate.ReplicationMode;
import org.hibernate.Session;
import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Undoes one recorded write: deletes what was inserted, re-inserts what was deleted, and
 * takes an update back property by property — a commutative one by its delta, any other only
 * if the row still holds the value the saga wrote (else it is a conflict, never an overwrite).
 */
final class UndoReplay {

    /** The row changed since the saga wrote it in a way its undo cannot reconcile. */
    static final class Conflict extends Exception {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    private final SessionImplementor session;

    UndoReplay(Session session) {
        this.session = session.unwrap(SessionImplementor.class);
    }

    void undo(SagaTables.Undo undo) throws Conflict {
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(undo.entityName());
        Object id = EntityChanges.value(EntityChanges.read(undo.entityId()),
                persister.getIdentifierType().getReturnedClass());
        switch (UndoRecord.Operation.valueOf(undo.operation())) {
            case INSERT -> {
                Object inserted = find(undo.entityName(), id);
                if (inserted != null) {
                    session.remove(inserted);
                }
            }
            case DELETE -> {
                if (find(undo.entityName(), id) != null) {
                    throw new Conflict(undo.entityName() + " " + id + " was inserted again after the saga deleted it");
                }
                Object row = rowFromState(persister, id, undo.payload(), session);
                session.replicate(row, ReplicationMode.EXCEPTION);
            }
            case UPDATE -> {
                Object row = find(undo.entityName(), id);
                if (row == null) {
                    throw new Conflict(undo.entityName() + " " + id + " was deleted after the saga changed it");
                }
                revert(persister, row, undo.payload(), true, undo.entityName() + " " + id);
            }
        }
    }

    /** The row a recorded delete removed, as it was. */
    static Object rowFromState(EntityPersister persister, Object id, String payload, SessionImplementor session) {
        Object row = persister.instantiate(id, session);
        for (Map.Entry<String, JsonNode> property : iterable(EntityChanges.read(payload))) {
            int index = persister.getPropertyIndex(property.getKey());
            Class<?> type = persister.getPropertyTypes()[index].getReturnedClass();
            persister.setValue(row, index, EntityChanges.value(property.getValue(), type));
        }
        return row;
    }

    /**
     * Takes a recorded update back on {@code row}. Strict: a non-commutative value must still be
     * the one the saga wrote (compensation); lenient: just show the old value (a read view).
     */
    static void revert(EntityPersister persister, Object row, String payload, boolean strict, String what)
            throws Conflict {
        for (EntityChanges.Change change : EntityChanges.readChanges(payload)) {
            int index = persister.getPropertyIndex(change.property());
            Class<?> type = persister.getPropertyTypes()[index].getReturnedClass();
            Object current = persister.getValue(row, index);
            if (change.commutative()) {
                set(persister, row, index, EntityChanges.minus(current, change.delta(), type));
                continue;
            }
            Object written = EntityChanges.value(change.newValue(), type);
            if (strict && !EntityChanges.same(current, written)) {
                throw new Conflict(what + "." + change.property() + " is " + current
                        + ", changed since the saga set it to " + written);
            }
            set(persister, row, index, EntityChanges.value(change.oldValue(), type));
        }
    }

    // Quarkus enhances entities to track their own dirtiness; a value set underneath the
    // tracker would never be flushed.
    static void set(EntityPersister persister, Object row, int index, Object value) {
        persister.setValue(row, index, value);
        if (row instanceof SelfDirtinessTracker tracked) {
            tracked.$$_hibernate_trackChange(persister.getPropertyNames()[index]);
        }
    }

    private Object find(String entityName, Object id) {
        return session.byId(entityName).with(new LockOptions(LockMode.PESSIMISTIC_WRITE)).load(id);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
