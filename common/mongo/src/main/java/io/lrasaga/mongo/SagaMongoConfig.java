package io.lrasaga.mongo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the MongoDB participant keeps its ledger. Prefix {@code lra-saga.mongo}. */
@ConfigMapping(prefix = "lra-saga.mongo")
public interface SagaMongoConfig {

    /** Database of the {@code lra_saga_ledger} collection, on the default MongoDB client. */
    @WithDefault("${quarkus.mongodb.database}")
    String database();
}
