package io.lrasaga.coordinator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

/**
 * Points Narayana's object stores at the configured data directory. Must run before
 * Quarkus starts; see {@link EarlyConfig}.
 */
public final class ObjectStoreLocation {

    // Narayana keeps one environment bean per store: the default one, plus these two names.
    private static final String[] NAMED_STORES = { null, "communicationStore", "stateStore" };

    private ObjectStoreLocation() {
    }

    public static Path apply(CoordinatorStoreConfig config) {
        Path dir = Path.of(config.dataDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the coordinator data directory " + dir, e);
        }
        for (String name : NAMED_STORES) {
            ObjectStoreEnvironmentBean store = BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name);
            store.setObjectStoreDir(dir.toString());
        }
        try {
            BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier(config.nodeId());
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalArgumentException("lra-saga.coordinator.node-id: " + e.getMessage(), e);
        }
        return dir;
    }
}
