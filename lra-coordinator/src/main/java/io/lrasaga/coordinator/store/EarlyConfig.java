package io.lrasaga.coordinator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.lrasaga.coordinator.recovery.RecoveryConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The coordinator's settings that Narayana needs before Quarkus starts (RESTEasy instantiates
 * the coordinator's {@code Application} during deployment, and that opens the store and
 * starts periodic recovery). Read from the same sources Quarkus uses: system properties,
 * environment, config/application.properties, the packaged application.properties, with the
 * active profile.
 */
public final class EarlyConfig {

    private EarlyConfig() {
    }

    public static SmallRyeConfig read() {
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(applicationProperties())
                .withProfile(System.getProperty("quarkus.profile",
                        System.getenv().getOrDefault("QUARKUS_PROFILE", "prod")))
                // Quarkus' own duration syntax (30s, 5m, 7d) besides ISO-8601, as Quarkus reads it later
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(CoordinatorStoreConfig.class)
                .withMapping(RecoveryConfig.class)
                // Other lra-saga.coordinator.* keys belong to mappings Quarkus reads later.
                .withValidateUnknown(false)
                .build();
    }

    // Same ordinals as Quarkus: config/application.properties (260) over the packaged one (250).
    private static List<ConfigSource> applicationProperties() {
        List<ConfigSource> sources = new ArrayList<>();
        try {
            URL packaged = EarlyConfig.class.getClassLoader().getResource("application.properties");
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
