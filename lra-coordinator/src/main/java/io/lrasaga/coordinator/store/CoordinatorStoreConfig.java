package io.lrasaga.coordinator.store;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where and as whom the coordinator keeps its durable log of LRAs.
 */
@ConfigMapping(prefix = "lra-saga.coordinator")
public interface CoordinatorStoreConfig {

    /**
     * Directory of the coordinator's files: the object store when {@code store.type} is
     * {@code file}, and the history of ended LRAs in every case. Every LRA and its
     * participants are written to the store before the coordinator answers, and read back
     * after a restart. Relative paths resolve against the working directory.
     */
    @WithDefault("data/coordinator")
    String dataDir();

    /**
     * Narayana node identifier of this coordinator. Must be unique among coordinators
     * that could ever share a store, because recovery only takes over LRAs of its own node.
     */
    @WithDefault("lra-saga-1")
    String nodeId();

    /** The durable store of LRAs. */
    Store store();

    interface Store {

        /**
         * {@code file}: Narayana's file store under {@code data-dir}; {@code jdbc}: a table in
         * PostgreSQL ({@code store.jdbc.*}), so the coordinator needs no persistent disk.
         */
        @WithDefault("file")
        Type type();

        Jdbc jdbc();
    }

    enum Type {
        FILE,
        JDBC
    }

    interface Jdbc {

        /** {@code jdbc:postgresql://host:port/database}; required when the store type is jdbc. */
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();

        /**
         * Prefix of the store's table ({@code <prefix>JBossTSTxTable}), created at first start
         * when missing.
         */
        @WithDefault("lra_saga_")
        String tablePrefix();

        /** Connections the coordinator keeps open to the database at most. */
        @WithDefault("8")
        int maxConnections();
    }
}
