package io.lrasaga.mongo;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.lrasaga.dataops.DataAllowList;
import io.lrasaga.dataops.DataOperation;
import io.lrasaga.dataops.DataStore;
import io.lrasaga.dataops.EntitySchema;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import io.quarkus.mongodb.panache.common.MongoEntity;
import jakarta.inject.Singleton;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Data operations on allow-listed MongoDB Panache entities, written through
 * {@link SagaDocuments}: each written document carries the step's LRA and its before-image, so
 * the LRA's compensation deletes what was inserted and puts changed and deleted documents
 * back. An update or delete touches the documents the {@code where} matched (in the current
 * view: never one a running saga deleted); a document another saga holds fails the step with
 * 409 saga-conflict. Unlike the ORM store, the {@code where} is evaluated when the documents
 * are read, not again at the write: a guard such as {@code stock $gte 2} is exact only while
 * nothing outside sagas writes the same documents.
 */
@Singleton
public class MongoDataStore implements DataStore {

    private final List<MongoEntitySchema> entities;
    private final SagaDocuments documents;
    private final SagaViews views;

    MongoDataStore(DataAllowList allowList, SagaDocuments documents, SagaViews views, ObjectMapper json) {
        this.documents = documents;
        this.views = views;
        List<MongoEntitySchema> found = new ArrayList<>();
        for (Class<?> type : allowList.classes()) {
            if (type.isAnnotationPresent(MongoEntity.class)
                    || io.quarkus.mongodb.panache.PanacheMongoEntityBase.class.isAssignableFrom(type)) {
                found.add(new MongoEntitySchema(type, json));
            }
        }
        this.entities = List.copyOf(found);
    }

    /**
     * An exposed document class: its persistent fields (Panache makes an entity's public fields
     * private behind generated accessors, so every non-static, non-transient field counts);
     * {@code id} is stored as {@code _id}.
     */
    static final class MongoEntitySchema implements EntitySchema {
        private final Class<?> type;
        private final ObjectMapper json;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private final Map<String, Class<?>> types = new LinkedHashMap<>();
        private final Map<String, JavaType> javaTypes = new LinkedHashMap<>();

        MongoEntitySchema(Class<?> type, ObjectMapper json) {
            this.type = type;
            this.json = json;
            List<Class<?>> hierarchy = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                hierarchy.add(0, c);
            }
            for (Class<?> c : hierarchy) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
                            && !field.isAnnotationPresent(org.bson.codecs.pojo.annotations.BsonIgnore.class)) {
                        field.setAccessible(true);
                        fields.put(field.getName(), field);
                        types.put(field.getName(), field.getType());
                        javaTypes.put(field.getName(), json.getTypeFactory().constructType(field.getGenericType()));
                    }
                }
            }
        }

        @Override
        public String name() {
            return type.getSimpleName();
        }

        @Override
        public String idField() {
            return "id";
        }

        @Override
        public Map<String, Class<?>> fields() {
            return types;
        }

        @Override
        public Object convert(String field, JsonNode value) {
            if (types.get(field) == ObjectId.class) {
                if (!value.isTextual() || !ObjectId.isValid(value.asText())) {
                    throw new IllegalArgumentException("not an ObjectId");
                }
                return new ObjectId(value.asText());
            }
            return json.convertValue(value, javaTypes.get(field));
        }

        Object get(Object row, String field) {
            try {
                return fields.get(field).get(row);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        void set(Object row, String field, Object value) {
            try {
                fields.get(field).set(row, value);
            } catch (IllegalAccessException | IllegalArgumentException e) {
                throw new ProblemException(ProblemType.STORE_REFUSED, "data." + field + " cannot be set: "
                        + e.getMessage());
            }
        }

        Object newInstance() {
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getName() + " needs a no-argument constructor", e);
            }
        }

        static String stored(String field) {
            return field.equals("id") ? "_id" : field;
        }
    }

    @Override
    public Collection<? extends EntitySchema> entities() {
        return entities;
    }

    @Override
    public Result apply(EntitySchema schema, DataOperation operation) {
        MongoEntitySchema entity = (MongoEntitySchema) schema;
        return switch (operation.operation()) {
            case INSERT -> new Result(List.of(insert(entity, operation.data())), 1);
            case UPSERT -> upsert(entity, operation.data());
            case UPDATE -> {
                List<Object> rows = matching(entity, operation.where());
                for (Object row : rows) {
                    change(entity, row, operation.data());
                    documents.update(row);
                }
                yield new Result(rows, rows.size());
            }
            case DELETE -> {
                List<Object> rows = matching(entity, operation.where());
                rows.forEach(documents::delete);
                yield new Result(rows, rows.size());
            }
        };
    }

    private Object insert(MongoEntitySchema entity, List<DataOperation.Assignment> data) {
        Object row = entity.newInstance();
        data.forEach(assignment -> entity.set(row, assignment.field(), assignment.value()));
        return documents.insert(row);
    }

    private Result upsert(MongoEntitySchema entity, List<DataOperation.Assignment> data) {
        Object id = data.stream().filter(a -> a.field().equals(entity.idField())).findFirst()
                .map(DataOperation.Assignment::value).orElseThrow();
        Object row = views.findById(entity.type, id).orElse(null);
        if (row == null) {
            return new Result(List.of(insert(entity, data)), 1);
        }
        change(entity, row, data);
        return new Result(List.of(documents.update(row)), 1);
    }

    private static void change(MongoEntitySchema entity, Object row, List<DataOperation.Assignment> data) {
        for (DataOperation.Assignment assignment : data) {
            if (!assignment.field().equals(entity.idField())) {
                entity.set(row, assignment.field(), assignment.applyTo(entity.get(row, assignment.field())));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> matching(MongoEntitySchema entity, List<DataOperation.Condition> where) {
        List<Bson> filters = new ArrayList<>();
        for (DataOperation.Condition condition : where) {
            String field = MongoEntitySchema.stored(condition.field());
            Object value = condition.value();
            filters.add(switch (condition.comparison()) {
                case EQ -> Filters.eq(field, value);
                case NE -> Filters.ne(field, value);
                case GT -> Filters.gt(field, value);
                case GTE -> Filters.gte(field, value);
                case LT -> Filters.lt(field, value);
                case LTE -> Filters.lte(field, value);
                case IN -> Filters.in(field, (List<Object>) value);
            });
        }
        List<Object> rows = new ArrayList<>(views.current((Class<Object>) entity.type, Filters.and(filters),
                Sorts.ascending("_id")));
        if (rows.isEmpty()) {
            throw DataOperation.noMatch(entity.name());
        }
        return rows;
    }
}
