package io.lrasaga.orm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import io.lrasaga.idempotency.IdempotencyConfig;
import io.lrasaga.idempotency.IdempotencyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Idempotency keys in the service's PostgreSQL database. Each call is its own short
 * auto-committed statement: the claim must be visible to a concurrent repeat at once, and
 * must not roll back with the request it guards.
 */
@ApplicationScoped
public class JdbcIdempotencyStore implements IdempotencyStore {

    @Inject
    DataSource dataSource;

    @Inject
    IdempotencyConfig config;

    @Override
    public Claim claim(String key, String fingerprint) {
        try (Connection connection = dataSource.getConnection()) {
            Instant now = Instant.now();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO lra_saga_idempotency (idem_key, fingerprint, state, claimed_at) "
                            + "VALUES (?, ?, 'RUNNING', ?) ON CONFLICT (idem_key) DO NOTHING")) {
                insert.setString(1, key);
                insert.setString(2, fingerprint);
                insert.setTimestamp(3, Timestamp.from(now));
                if (insert.executeUpdate() == 1) {
                    return Claim.of(Outcome.CLAIMED);
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT fingerprint, state, status, content_type, body, claimed_at FROM lra_saga_idempotency "
                            + "WHERE idem_key = ?")) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        // Released between our insert and select: the caller may simply retry.
                        return Claim.of(Outcome.IN_PROGRESS);
                    }
                    if (!rs.getString(1).equals(fingerprint)) {
                        return Claim.of(Outcome.MISMATCH);
                    }
                    if (rs.getString(2).equals("DONE")) {
                        return new Claim(Outcome.REPLAY, new StoredAnswer(rs.getInt(3), rs.getString(4), rs.getString(5)));
                    }
                    Timestamp claimedAt = rs.getTimestamp(6);
                    if (claimedAt.toInstant().plus(config.abandonAfter()).isAfter(now)) {
                        return Claim.of(Outcome.IN_PROGRESS);
                    }
                    return takeOver(connection, key, claimedAt, now);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency store unavailable", e);
        }
    }

    /** The earlier attempt was abandoned; only one repeat may take it over. */
    private static Claim takeOver(Connection connection, String key, Timestamp claimedAt, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE lra_saga_idempotency SET claimed_at = ? WHERE idem_key = ? AND state = 'RUNNING' "
                        + "AND claimed_at = ?")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, key);
            update.setTimestamp(3, claimedAt);
            return Claim.of(update.executeUpdate() == 1 ? Outcome.CLAIMED : Outcome.IN_PROGRESS);
        }
    }

    @Override
    public void finish(String key, StoredAnswer answer) {
        execute("UPDATE lra_saga_idempotency SET state = 'DONE', status = ?, content_type = ?, body = ? "
                + "WHERE idem_key = ?", statement -> {
                    statement.setInt(1, answer.status());
                    statement.setString(2, answer.contentType());
                    statement.setString(3, answer.body());
                    statement.setString(4, key);
                });
    }

    @Override
    public void release(String key) {
        execute("DELETE FROM lra_saga_idempotency WHERE idem_key = ? AND state = 'RUNNING'",
                statement -> statement.setString(1, key));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void execute(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency store unavailable", e);
        }
    }
}
