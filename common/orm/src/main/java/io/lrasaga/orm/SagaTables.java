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

    record Undo(long id, String operation, String entityName, String entityId, String payload) {
    }

    private SagaTables() {
    }

    /**
     * Creates the LRA's ledger row if needed and returns its status, read under a share lock
     * (a row this transaction inserted is locked anyway: the first step of an LRA here, the
     * usual case, costs one statement).
     */
    static String beginWork(Connection connection, String lraId) throws SQLException {
        try (PreparedStatement insert = insertLedger(connection, lraId, "DO NOTHING");
                ResultSet inserted = insert.executeQuery()) {
            if (inserted.next()) {
                return inserted.getString(1);
            }
        }
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
        PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO lra_saga_ledger (lra_id, status, created_at, updated_at) VALUES (?, 'Active', ?, ?) "
                        + "ON CONFLICT (lra_id) " + onConflict + " RETURNING status");
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

    /**
     * Takes the semantic lock on a row for the LRA, or finds who holds it: one statement that
     * inserts the lock or, if it exists, returns the holder (and waits for an uncommitted one).
     */
    static String lock(Connection connection, String lockKey, String lraId) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO lra_saga_lock (lock_key, lra_id, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (lock_key) DO UPDATE SET lock_key = EXCLUDED.lock_key RETURNING lra_id")) {
            upsert.setString(1, lockKey);
            upsert.setString(2, lraId);
            upsert.setTimestamp(3, Timestamp.from(Instant.now()));
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    static Optional<String> lockHolder(Connection connection, String lockKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT lra_id FROM lra_saga_lock WHERE lock_key = ?")) {
            select.setString(1, lockKey);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void appendUndo(Connection connection, String lraId, UndoRecord.Operation operation, String entityName,
            String entityId, String payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO lra_saga_undo (lra_id, operation, entity_name, entity_id, payload, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, lraId);
            insert.setString(2, operation.name());
            insert.setString(3, entityName);
            insert.setString(4, entityId);
            insert.setString(5, payload);
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
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
