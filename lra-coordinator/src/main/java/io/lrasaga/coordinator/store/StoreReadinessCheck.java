package io.lrasaga.coordinator.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.lrasaga.coordinator.recovery.RecoveryRunner;

/**
 * Ready when the store answers — the object store directory takes a write and gives it back,
 * or the JDBC store's database gives a valid connection — and the initial
 * recovery pass has loaded the LRAs logged before this start. (Checking permissions is not
 * enough: root ignores them, and a full or read-only disk shows only on writing.)
 */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    @Inject
    CoordinatorStoreConfig config;

    @Inject
    RecoveryRunner recovery;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = JdbcStorePool.current().map(StoreReadinessCheck::probe)
                .orElseGet(() -> probe(Path.of(config.dataDir()).toAbsolutePath().normalize()));
        if (!recovery.initialPassDone()) {
            response.down().withData("recovery", "initial pass not done yet");
        }
        return response.build();
    }

    /** The JDBC store: a connection from the pool that the database confirms valid. */
    static HealthCheckResponseBuilder probe(DataSource pool) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("lra-store").withData("type", "jdbc");
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2) ? response.up() : response.down().withData("error", "connection not valid");
        } catch (SQLException | RuntimeException e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Writes, reads back and deletes a small file in {@code dir}. */
    static HealthCheckResponseBuilder probe(Path dir) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("lra-store").withData("dir", dir.toString());
        Path probe = dir.resolve(".ready-probe-" + UUID.randomUUID());
        try {
            String token = probe.getFileName().toString();
            Files.writeString(probe, token, StandardCharsets.UTF_8);
            if (!token.equals(Files.readString(probe, StandardCharsets.UTF_8))) {
                return response.down().withData("error", "read back something else than written");
            }
            return response.up();
        } catch (IOException | RuntimeException e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the probe write failed as well, which is already reported
            }
        }
    }
}
