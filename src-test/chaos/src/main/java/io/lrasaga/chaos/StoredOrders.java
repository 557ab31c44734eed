package io.lrasaga.chaos;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lrasaga.launcher.EmbeddedPostgresServer;
import io.lrasaga.launcher.LocalSystem;

/**
 * What the services' databases hold for one seed, read directly: every order (also those
 * whose answer no client ever got), and the reservations and payments per LRA. The APIs have
 * no listing of orders, and a duplicate reservation or payment is only visible in the tables.
 */
final class StoredOrders {

    /** One row of {@code orders} with its lines (sku → quantity). */
    record StoredOrder(String id, String customer, String status, String lraId, BigDecimal total,
            String idempotencyKey, Map<String, Integer> quantities) {
    }

    /** Reservations (sku → total quantity, and how many rows) or payments (amount, rows) of one LRA. */
    record Effect(Map<String, Integer> quantities, int rows, BigDecimal amount) {
    }

    private final LocalSystem system;

    StoredOrders(LocalSystem system) {
        this.system = system;
    }

    /** Orders of the seed's customers, by id. */
    Map<String, StoredOrder> orders(String prefix) {
        Map<String, StoredOrder> orders = new LinkedHashMap<>();
        query("orders", "SELECT o.id, o.customerid, o.status, o.lraid, o.total, o.idempotencykey, i.sku, i.quantity FROM orders o "
                + "LEFT JOIN order_item i ON i.order_id = o.id WHERE o.customerid LIKE ? ORDER BY o.createdat, o.id",
                prefix + "%", rs -> {
                    StoredOrder order = orders.computeIfAbsent(rs.getString(1), id -> {
                        try {
                            return new StoredOrder(id, rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getBigDecimal(5), rs.getString(6), new HashMap<>());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    if (rs.getString(7) != null) {
                        order.quantities().merge(rs.getString(7), rs.getInt(8), Integer::sum);
                    }
                });
        return orders;
    }

    /** Reservations of the seed's skus, by LRA. */
    Map<String, Effect> reservations(String prefix) {
        Map<String, Effect> byLra = new HashMap<>();
        query("inventory", "SELECT lraid, sku, quantity FROM reservation WHERE sku LIKE ?", prefix + "%", rs -> {
            Effect seen = byLra.getOrDefault(rs.getString(1), new Effect(new HashMap<>(), 0, BigDecimal.ZERO));
            seen.quantities().merge(rs.getString(2), rs.getInt(3), Integer::sum);
            byLra.put(rs.getString(1), new Effect(seen.quantities(), seen.rows() + 1, BigDecimal.ZERO));
        });
        return byLra;
    }

    /** Payments of the seed's customers, by LRA. */
    Map<String, Effect> payments(String prefix) {
        Map<String, Effect> byLra = new HashMap<>();
        query("payments", "SELECT lraid, amount FROM payment WHERE customerid LIKE ?", prefix + "%", rs -> {
            Effect seen = byLra.getOrDefault(rs.getString(1), new Effect(Map.of(), 0, BigDecimal.ZERO));
            byLra.put(rs.getString(1), new Effect(Map.of(), seen.rows() + 1, seen.amount().add(rs.getBigDecimal(2))));
        });
        return byLra;
    }

    /** Orders of the seed that are still PENDING. */
    List<String> pending(String prefix) {
        List<String> pending = new ArrayList<>();
        query("orders", "SELECT id FROM orders WHERE customerid LIKE ? AND status = 'PENDING'", prefix + "%",
                rs -> pending.add(rs.getString(1)));
        return pending;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String database, String sql, String parameter, Row row) {
        try (Connection connection = DriverManager.getConnection(system.jdbcUrl(database), EmbeddedPostgresServer.USER,
                "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }
}
