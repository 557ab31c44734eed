package io.lrasaga.bench.stock.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** The same tables as the reference orders', so every configuration writes the same rows. */
@Entity
@Table(name = "orders", indexes = @Index(name = "orders_lra", columnList = "lraId"))
public class Order extends PanacheEntityBase {

    public enum Status {
        PENDING, CONFIRMED, CANCELLED
    }

    @Id
    @Column(length = 36)
    public String id;

    @Column(nullable = false)
    public String customerId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_item", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    public List<OrderItem> items = new ArrayList<>();

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal total;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Null for the floor's uncoordinated orders. */
    @Column(length = 512)
    public String lraId;

    @Column(nullable = false)
    public Instant createdAt;

    public Instant updatedAt;
}
