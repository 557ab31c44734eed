package io.lrasaga.coordinator.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where and as whom the coordinator keeps its durable log of LRAs.
 */
@ConfigMapping(prefix = "lra-saga.coordinator")
public interface CoordinatorStoreConfig {

    /**
     * Directory of the coordinator's object store. Every LRA and its participants are
     * written here before the coordinator answers, and read back after a restart.
     * Relative paths resolve against the working directory.
     */
    @WithDefault("data/coordinator")
    String dataDir();

    /**
     * Narayana node identifier of this coordinator. Must be unique among coordinators
     * that could ever share a store, because recovery only takes over LRAs of its own node.
     */
    @WithDefault("lra-saga-1")
    String nodeId();
}
