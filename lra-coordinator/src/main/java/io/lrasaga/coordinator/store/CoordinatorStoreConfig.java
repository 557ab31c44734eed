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
         * {@code file}: Narayana's file store under {@code data-dir} (one file per LRA, written,
         * synced and renamed on every change); {@code journal}: Narayana's journal store under
         * {@code data-dir}/journal, an append-only log whose syncs are shared by concurrent
         * writes (every write still synced before the coordinator answers); {@code jdbc}: a table
         * in PostgreSQL ({@code store.jdbc.*}), so the coordinator needs no persistent disk.
         */
        @WithDefault("file")
        Type type();

        Jdbc jdbc();

        Journal journal();
    }

    enum Type {
        FILE,
        JOURNAL,
        JDBC
    }

    /** The journal store ({@code store.type=journal}). */
    interface Journal {

        /**
         * How often at most the journal syncs its buffer to disk when writes are waiting: a write
         * waits up to 1/n s for the sync it shares with the writes that arrived meanwhile.
         */
        @WithDefault("500")
        int syncsPerSecond();

        /** Size of each of the journal's files; the journal keeps at least two and compacts old ones. */
        @WithDefault("10485760")
        int fileSize();
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
