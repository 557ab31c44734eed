package io.lrasaga.coordinator.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

/**
 * The connection pool of the JDBC store. Opened before Quarkus starts, because Narayana opens
 * its store while RESTEasy deploys the coordinator; kept for the life of the process and
 * shared with the readiness check.
 */
public final class JdbcStorePool {

    private static volatile AgroalDataSource pool;

    private JdbcStorePool() {
    }

    static DataSource open(CoordinatorStoreConfig.Jdbc config) {
        String url = config.url().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "lra-saga.coordinator.store.jdbc.url is required when lra-saga.coordinator.store.type=jdbc"));
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("lra-saga.coordinator.store.jdbc.url must be a jdbc:postgresql: URL, was "
                    + url);
        }
        if (config.maxConnections() < 1) {
            throw new IllegalArgumentException("lra-saga.coordinator.store.jdbc.max-connections must be at least 1");
        }
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp
                        .initialSize(1)
                        .minSize(1)
                        .maxSize(config.maxConnections())
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .validationTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration(cf -> {
                            cf.jdbcUrl(url).connectionProviderClass(org.postgresql.Driver.class);
                            config.user().ifPresent(user -> cf.principal(new NamePrincipal(user)));
                            config.password().ifPresent(password -> cf.credential(new SimplePassword(password)));
                            return cf;
                        }));
        try {
            pool = AgroalDataSource.from(supplier);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the JDBC store pool for " + url + ": " + e.getMessage(), e);
        }
        return pool;
    }

    /** The pool, when the store is JDBC. */
    public static Optional<DataSource> current() {
        return Optional.ofNullable(pool);
    }
}
