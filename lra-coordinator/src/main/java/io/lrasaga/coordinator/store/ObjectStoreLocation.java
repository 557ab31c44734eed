package io.lrasaga.coordinator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Points Narayana's object stores at the configured data directory.
 *
 * <p>This must happen before Quarkus starts: RESTEasy instantiates the coordinator's
 * {@code Application} class during deployment, and that constructor opens the store.
 * So the settings are read here from the same sources Quarkus uses (system properties,
 * environment, application.properties, active profile) ahead of the application.
 */
public final class ObjectStoreLocation {

    // Narayana keeps one environment bean per store: the default one, plus these two names.
    private static final String[] NAMED_STORES = { null, "communicationStore", "stateStore" };

    private ObjectStoreLocation() {
    }

    public static Path apply() {
        CoordinatorStoreConfig config = readConfig();
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

    private static CoordinatorStoreConfig readConfig() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(applicationProperties())
                .withProfile(System.getProperty("quarkus.profile",
                        System.getenv().getOrDefault("QUARKUS_PROFILE", "prod")))
                .withMapping(CoordinatorStoreConfig.class)
                .withMappingIgnore("quarkus.**")
                .build();
        return config.getConfigMapping(CoordinatorStoreConfig.class);
    }

    // Same ordinals as Quarkus: config/application.properties (260) over the packaged one (250).
    private static java.util.List<org.eclipse.microprofile.config.spi.ConfigSource> applicationProperties() {
        var sources = new java.util.ArrayList<org.eclipse.microprofile.config.spi.ConfigSource>();
        try {
            var packaged = ObjectStoreLocation.class.getClassLoader().getResource("application.properties");
            if (packaged != null) {
                sources.add(new PropertiesConfigSource(packaged, 250));
            }
            Path local = Path.of("config", "application.properties");
            if (Files.isRegularFile(local)) {
                sources.add(new PropertiesConfigSource(local.toUri().toURL(), 260));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        return sources;
    }
}
