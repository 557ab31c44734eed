package io.lrasaga.mongo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.runtime.JavaMongoOperations;
import jakarta.inject.Singleton;
import org.bson.BsonDocument;
import org.jboss.logging.Logger;

/**
 * The collections saga writes went to, by namespace ({@code database.collection}). Each LRA's
 * ledger entry also lists the namespaces it wrote, so a restarted service still knows where to
 * look for its markers; this registry resolves them and makes sure each is indexed by marker.
 */
@Singleton
class SagaCollections {

    private static final Logger LOG = Logger.getLogger(SagaCollections.class);

    /** An entity's collection: typed for its codec, raw for writes that carry the marker. */
    record Target(String namespace, MongoCollection<?> typed, MongoCollection<BsonDocument> raw) {
    }

    private final MongoClient client;
    private final Map<String, MongoCollection<BsonDocument>> known = new ConcurrentHashMap<>();

    SagaCollections(MongoClient client) {
        this.client = client;
    }

    Target of(Class<?> entityClass) {
        MongoEntity mapping = entityClass.getAnnotation(MongoEntity.class);
        // The sweep finds a namespace again through the default client only.
        if (mapping != null && !mapping.clientName().isEmpty()) {
            throw new IllegalArgumentException("lra-saga-mongo writes entities of the default MongoDB client only, not "
                    + entityClass.getName() + " (clientName " + mapping.clientName() + ")");
        }
        MongoCollection<?> typed = JavaMongoOperations.INSTANCE.mongoCollection(entityClass);
        String namespace = typed.getNamespace().getFullName();
        return new Target(namespace, typed, known.computeIfAbsent(namespace,
                ignored -> indexed(typed.withDocumentClass(BsonDocument.class))));
    }

    MongoCollection<BsonDocument> byNamespace(String namespace) {
        return known.computeIfAbsent(namespace, ns -> {
            int dot = ns.indexOf('.');
            return indexed(client.getDatabase(ns.substring(0, dot)).getCollection(ns.substring(dot + 1),
                    BsonDocument.class));
        });
    }

    // Completion and compensation look documents up by marker.
    private static MongoCollection<BsonDocument> indexed(MongoCollection<BsonDocument> collection) {
        try {
            collection.createIndex(Indexes.ascending(SagaMarker.LRA));
        } catch (MongoException e) {
            LOG.debugf("no index on %s of %s: %s", SagaMarker.LRA, collection.getNamespace(), e.getMessage());
        }
        return collection;
    }
}
