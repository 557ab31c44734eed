package io.lrasaga.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.lrasaga.participant.LocalStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/** A debit made for an order's LRA: ACTIVE while it runs, then COMPLETED or COMPENSATED. */
@Entity
@Table(name = "payment", indexes = @Index(name = "payment_lra", columnList = "lraId"))
public class Payment extends PanacheEntity {


    @Column(nullable = false, length = 512)
    public String lraId;

    @Column(nullable = false)
    public String customerId;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LocalStatus status;

    @Column(nullable = false)
    public Instant createdAt;

    public Instant endedAt;

    /** Locked, so a complete and a compensate of the same LRA cannot interleave. */
    static List<Payment> lockedByLra(String lraId) {
        return find("lraId", lraId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
