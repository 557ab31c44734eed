package io.lrasaga.orm;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lrasaga.dataops.DataAllowList;
import io.lrasaga.dataops.DataOperation;
import io.lrasaga.dataops.DataStore;
import io.lrasaga.dataops.EntitySchema;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Data operations on allow-listed Hibernate ORM entities. Each runs in one local transaction
 * through the session, so {@link CaptureInterceptor} records it in the ledger and takes the
 * semantic locks exactly as for a hand-written step: the compensation of an insert deletes the
 * row, of an update restores the changed fields (a {@link Commutative} field by its delta), of
 * a delete inserts the row again. Matching rows are selected {@code FOR UPDATE}, so the
 * {@code where} of a guarded decrement ({@code stock >= 2}) holds when the change is made.
 */
@ApplicationScoped
public class OrmDataStore implements DataStore {

    @Inject
    Session session;

    @Inject
    DataAllowList allowList;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    ObjectMapper json;

    private volatile List<OrmEntity> entities;

    /** An exposed entity: its persister and the Java types of its mapped fields. */
    final class OrmEntity implements EntitySchema {
        private final Class<?> type;
        private final EntityPersister persister;
        private final Map<String, Class<?>> fields = new LinkedHashMap<>();
        private final Map<String, JavaType> javaTypes = new LinkedHashMap<>();

        OrmEntity(Class<?> type, EntityPersister persister) {
            this.type = type;
            this.persister = persister;
            List<String> names = new ArrayList<>();
            names.add(persister.getIdentifierPropertyName());
            names.addAll(List.of(persister.getPropertyNames()));
            for (String name : names) {
                Field field = EntityChanges.field(type, name);
                if (field != null) {
                    fields.put(name, field.getType());
                    javaTypes.put(name, json.getTypeFactory().constructType(field.getGenericType()));
                }
            }
        }

        @Override
        public String name() {
            return type.getSimpleName();
        }

        @Override
        public String idField() {
            return persister.getIdentifierPropertyName();
        }

        @Override
        public Map<String, Class<?>> fields() {
            return fields;
        }

        @Override
        public Object convert(String field, JsonNode value) {
            return json.convertValue(value, javaTypes.get(field));
        }
    }

    @Override
    public Collection<OrmEntity> entities() {
        List<OrmEntity> known = entities;
        if (known == null) {
            known = new ArrayList<>();
            var metamodel = sessionFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel();
            for (Class<?> type : allowList.classes()) {
                EntityPersister persister = metamodel.findEntityDescriptor(type);
                if (persister != null) {
                    known.add(new OrmEntity(type, persister));
                }
            }
            entities = known = List.copyOf(known);
        }
        return known;
    }

    @Override
    @Transactional
    public Result apply(EntitySchema schema, DataOperation operation) {
        OrmEntity entity = (OrmEntity) schema;
        try {
            Result result = switch (operation.operation()) {
                case INSERT -> new Result(List.of(insert(entity, operation.data())), 1);
                case UPSERT -> upsert(entity, operation.data());
                case UPDATE -> update(entity, operation);
                case DELETE -> delete(entity, operation);
            };
            // Writes are captured, locked and checked at flush: refusals surface here, as problems.
            session.flush();
            return result;
        } catch (PersistenceException refused) {
            throw storeRefused(refused);
        }
    }

    private Object insert(OrmEntity entity, List<DataOperation.Assignment> data) {
        Object row;
        try {
            row = entity.type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(entity.type.getName() + " needs a no-argument constructor", e);
        }
        Object id = null;
        for (DataOperation.Assignment assignment : data) {
            if (assignment.field().equals(entity.idField())) {
                id = assignment.value();
            }
            Field field = EntityChanges.field(entity.type, assignment.field());
            try {
                field.setAccessible(true);
                field.set(row, assignment.value());
            } catch (IllegalAccessException | IllegalArgumentException e) {
                throw new ProblemException(Problem.invalidField("data." + assignment.field(), "cannot be set: "
                        + e.getMessage()));
            }
        }
        if (id != null && session.find(entity.type, id) != null) {
            throw new ProblemException(ProblemType.ALREADY_EXISTS, entity.name() + " " + id + " already exists");
        }
        session.persist(row);
        return row;
    }

    private Result upsert(OrmEntity entity, List<DataOperation.Assignment> data) {
        Object id = data.stream().filter(a -> a.field().equals(entity.idField())).findFirst()
                .map(DataOperation.Assignment::value).orElseThrow();
        Object row = session.find(entity.type, id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return new Result(List.of(insert(entity, data)), 1);
        }
        for (DataOperation.Assignment assignment : data) {
            if (!assignment.field().equals(entity.idField())) {
                change(entity, row, assignment);
            }
        }
        return new Result(List.of(row), 1);
    }

    private Result update(OrmEntity entity, DataOperation operation) {
        List<Object> rows = matching(entity, operation.where());
        requireMatch(entity, rows);
        for (Object row : rows) {
            for (DataOperation.Assignment assignment : operation.data()) {
                change(entity, row, assignment);
            }
        }
        return new Result(rows, rows.size());
    }

    private Result delete(OrmEntity entity, DataOperation operation) {
        List<Object> rows = matching(entity, operation.where());
        requireMatch(entity, rows);
        rows.forEach(session::remove);
        return new Result(rows, rows.size());
    }

    /** An update or delete that matches nothing is a failed guard, not a success that did nothing. */
    private static void requireMatch(OrmEntity entity, List<Object> rows) {
        if (rows.isEmpty()) {
            throw DataOperation.noMatch(entity.name());
        }
    }

    private void change(OrmEntity entity, Object row, DataOperation.Assignment assignment) {
        int index = entity.persister.getPropertyIndex(assignment.field());
        UndoReplay.set(entity.persister, row, index, assignment.applyTo(entity.persister.getValue(row, index)));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private List<Object> matching(OrmEntity entity, List<DataOperation.Condition> where) {
        CriteriaBuilder cb = session.getCriteriaBuilder();
        CriteriaQuery<Object> query = (CriteriaQuery<Object>) cb.createQuery(entity.type);
        Root<?> root = query.from(entity.type);
        List<Predicate> predicates = new ArrayList<>();
        for (DataOperation.Condition condition : where) {
            Path<Comparable> path = root.get(condition.field());
            Object value = condition.value();
            predicates.add(switch (condition.comparison()) {
                case EQ -> value == null ? cb.isNull(path) : cb.equal(path, value);
                case NE -> value == null ? cb.isNotNull(path) : cb.notEqual(path, value);
                case GT -> cb.greaterThan(path, (Comparable) value);
                case GTE -> cb.greaterThanOrEqualTo(path, (Comparable) value);
                case LT -> cb.lessThan(path, (Comparable) value);
                case LTE -> cb.lessThanOrEqualTo(path, (Comparable) value);
                case IN -> path.in((Collection<?>) value);
            });
        }
        query.select((Root) root).where(predicates.toArray(Predicate[]::new))
                .orderBy(cb.asc(root.get(entity.idField())));
        return new ArrayList<>(session.createQuery(query).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    private static RuntimeException storeRefused(PersistenceException refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem;
            }
        }
        Throwable root = refused;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new ProblemException(ProblemType.STORE_REFUSED, String.valueOf(root.getMessage()).lines()
                .findFirst().orElse("the write was refused"));
    }
}
