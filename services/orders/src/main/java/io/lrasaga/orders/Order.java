package io.lrasaga.orders;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lrasaga.participant.SagaContext;
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
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

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

    @Column(nullable = false, length = 512)
    public String lraId;

    /**
     * The {@code Idempotency-Key} the order was placed with, if any: one order per key, so a
     * retry after the process placing it died answers this order instead of placing another.
     */
    @Column(length = 255, unique = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String idempotencyKey;

    @Column(nullable = false)
    public Instant createdAt;

    public Instant updatedAt;

    /**
     * An order written by a declarative transaction ({@code POST /transactions}) gets the LRA it
     * was written in and its creation time, as one placed through {@code POST /orders} does.
     */
    @PrePersist
    void defaults() {
        if (lraId == null) {
            lraId = SagaContext.current().flatMap(SagaContext::lraId).orElse(null);
        }
        if (createdAt == null) {
            createdAt = Instant.now();
        }
    }
}
