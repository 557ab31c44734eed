package io.lrasaga.bench.stock.payments;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A debit made for an order; {@code lraId} is null for the floor's uncoordinated orders. */
@Entity
@Table(name = "payment", indexes = @Index(name = "payment_lra", columnList = "lraId"))
public class Payment extends PanacheEntity {

    @Column(length = 512)
    public String lraId;

    @Column(nullable = false)
    public String customerId;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false)
    public Instant createdAt;
}
