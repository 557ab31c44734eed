package io.lrasaga.orm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's own tables, read and written with plain JDBC on the connection of the
 * current transaction: from inside a Hibernate flush no entity may be persisted, but
 * statements on the same connection commit or roll back with the business change.
 */
final class SagaTables {

    /** The LRA's ledger row, inserted Active; the caller says what a conflict does. */
    private static final String INSERT_LEDGER = "INSERT INTO lra_saga_ledger (lra_id, status, created_at, updated_at) "
            + "VALUES (?, 'Active', ?, ?) ON CONFLICT (lra_id) ";

    /** Who holds the semantic lock of a row (no row: nobody). */
    private static final String LOCK_HOLDER = "SELECT lra_id FROM lra_saga_lock WHERE lock_key = ?";

    record Undo(long id, String operation, String entityName, String entityId, String payload) {
    }

    private SagaTables() {
    }

    /**
     * What recording one captured write found: the status of the LRA's ledger row if this
     * statement created it (empty when it existed or was not asked for), and who holds the
     * row's semantic lock (empty: nobody).
     */
    record Recorded(Optional<String> createdLedger, Optional<String> holder) {
    }

    /**
     * Records a write of an LRA in one statement: the LRA's ledger row created Active if
     * {@code beginLedger} (the transaction's first write), the row's semantic lock taken if
     * {@code takeLock} (else only its holder read: a commutative change leaves the row to
     * others), and the undo entry appended — unless another LRA holds the lock, in which case
     * the caller refuses the write. A step's write so costs one round trip instead of three.
     */
    static Recorded recordWrite(Connection connection, String lraId, boolean beginLedger, String lockKey,
            boolean takeLock, UndoRecord.Operation operation, String entityName, String entityId, String payload)
            throws SQLException {
        StringBuilder sql = new StringBuilder("WITH ");
        if (beginLedger) {
            sql.append("ledger AS (").append(INSERT_LEDGER).append("DO NOTHING RETURNING status), ");
        }
        sql.append(takeLock
                ? "holder AS (INSERT INTO lra_saga_lock (lock_key, lra_id, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (lock_key) DO UPDATE SET lock_key = EXCLUDED.lock_key RETURNING lra_id), "
                : "holder AS (" + LOCK_HOLDER + "), ")
                .append("undo AS (INSERT INTO lra_saga_undo (lra_id, operation, entity_name, entity_id, payload, ")
                .append("created_at) SELECT ?, ?, ?, ?, ?, CAST(? AS timestamptz) ")
                .append("WHERE NOT EXISTS (SELECT 1 FROM holder WHERE lra_id <> ?)) ")
                .append(beginLedger ? "SELECT (SELECT status FROM ledger), " : "SELECT NULL, ")
                .append("(SELECT lra_id FROM holder)");
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int i = 0;
            if (beginLedger) {
                statement.setString(++i, lraId);
                statement.setTimestamp(++i, now);
                statement.setTimestamp(++i, now);
            }
            statement.setString(++i, lockKey);
            if (takeLock) {
                statement.setString(++i, lraId);
                statement.setTimestamp(++i, now);
            }
            statement.setString(++i, lraId);
            statement.setString(++i, operation.name());
            statement.setString(++i, entityName);
            statement.setString(++i, entityId);
            statement.setString(++i, payload);
            statement.setTimestamp(++i, now);
            statement.setString(++i, lraId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Recorded(Optional.ofNullable(rs.getString(1)), Optional.ofNullable(rs.getString(2)));
            }
        }
    }

    /** The status of the LRA's existing ledger row, under a share lock (waits for an ending in progress). */
    static String sharedStatus(Connection connection, String lraId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status FROM lra_saga_ledger WHERE lra_id = ? FOR SHARE")) {
            select.setString(1, lraId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * The ledger row of the LRA, locked for the caller's transaction; created Active if missing.
     * One statement: the conflicting insert's update takes the row lock (waiting for a step that
     * holds its share lock) and returns the status.
     */
    static String lockLedger(Connection connection, String lraId) throws SQLException {
        try (PreparedStatement upsert = insertLedger(connection, lraId, "DO UPDATE SET lra_id = EXCLUDED.lra_id");
                ResultSet rs = upsert.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The LRA's ledger row inserted Active, {@code onConflict} otherwise; returns the status it touched. */
    private static PreparedStatement insertLedger(Connection connection, String lraId, String onConflict)
            throws SQLException {
        PreparedStatement insert = connection.prepareStatement(INSERT_LEDGER + onConflict + " RETURNING status");
        Timestamp now = Timestamp.from(Instant.now());
        insert.setString(1, lraId);
        insert.setTimestamp(2, now);
        insert.setTimestamp(3, now);
        return insert;
    }

    static Optional<String> status(Connection connection, String lraId) throws SQLException {
        return column(connection, "status", lraId);
    }

    /** Why the LRA's ledger row reached a failed status (null column: empty). */
    static Optional<String> reason(Connection connection, String lraId) throws SQLException {
        return column(connection, "reason", lraId);
    }

    private static Optional<String> column(Connection connection, String column, String lraId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + column + " FROM lra_saga_ledger WHERE lra_id = ?")) {
            select.setString(1, lraId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void setStatus(Connection connection, String lraId, String status, String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE lra_saga_ledger SET status = ?, reason = ?, updated_at = ? WHERE lra_id = ?")) {
            update.setString(1, status);
            update.setString(2, reason);
            update.setTimestamp(3, Timestamp.from(Instant.now()));
            update.setString(4, lraId);
            update.executeUpdate();
        }
    }

    static boolean deleteLedger(Connection connection, String lraId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM lra_saga_ledger WHERE lra_id = ?")) {
            delete.setString(1, lraId);
            return delete.executeUpdate() > 0;
        }
    }

    static Optional<String> lockHolder(Connection connection, String lockKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_HOLDER)) {
            select.setString(1, lockKey);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The LRA's writes, newest first: the order in which they are undone. */
    static List<Undo> undoNewestFirst(Connection connection, String lraId) throws SQLException {
        List<Undo> undo = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, operation, entity_name, entity_id, payload FROM lra_saga_undo WHERE lra_id = ? "
                        + "ORDER BY id DESC")) {
            select.setString(1, lraId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    undo.add(new Undo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return undo;
    }

    /**
     * Writes to one row by LRAs that have not ended well here (still active, or whose
     * compensation failed), newest first: what a committed read takes back.
     */
    static List<Undo> unsettledWritesNewestFirst(Connection connection, String entityName, String entityId)
            throws SQLException {
        List<Undo> undo = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT u.id, u.operation, u.entity_name, u.entity_id, u.payload FROM lra_saga_undo u "
                        + "JOIN lra_saga_ledger l ON l.lra_id = u.lra_id "
                        + "WHERE u.entity_name = ? AND u.entity_id = ? AND l.status IN ('Active', 'FailedToCompensate') "
                        + "ORDER BY u.id DESC")) {
            select.setString(1, entityName);
            select.setString(2, entityId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    undo.add(new Undo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return undo;
    }

    /**
     * Completion or compensation is final: the undo log and the locks of the LRA go and the
     * ledger records {@code status}, in one statement.
     */
    static void settle(Connection connection, String lraId, String status) throws SQLException {
        try (PreparedStatement settle = connection.prepareStatement(
                "WITH undo AS (DELETE FROM lra_saga_undo WHERE lra_id = ?), "
                        + "locks AS (DELETE FROM lra_saga_lock WHERE lra_id = ?) "
                        + "UPDATE lra_saga_ledger SET status = ?, reason = NULL, updated_at = ? WHERE lra_id = ?")) {
            settle.setString(1, lraId);
            settle.setString(2, lraId);
            settle.setString(3, status);
            settle.setTimestamp(4, Timestamp.from(Instant.now()));
            settle.setString(5, lraId);
            settle.executeUpdate();
        }
    }

    /** A failed LRA is forgotten: the undo log and the locks of the LRA go. */
    static void release(Connection connection, String lraId) throws SQLException {
        try (PreparedStatement undo = connection.prepareStatement("DELETE FROM lra_saga_undo WHERE lra_id = ?");
                PreparedStatement locks = connection.prepareStatement("DELETE FROM lra_saga_lock WHERE lra_id = ?")) {
            undo.setString(1, lraId);
            undo.executeUpdate();
            locks.setString(1, lraId);
            locks.executeUpdate();
        }
    }
}
