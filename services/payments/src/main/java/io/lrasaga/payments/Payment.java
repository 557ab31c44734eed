package io.lrasaga.payments;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A debit made for an order's LRA. Compensation deletes it together with crediting the money back. */
@Entity
@Table(name = "payment", indexes = @Index(name = "payment_lra", columnList = "lraId"))
public class Payment extends PanacheEntity {

    @Column(nullable = false, length = 512)
    public String lraId;

    @Column(nullable = false)
    public String customerId;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false)
    public Instant createdAt;
}
