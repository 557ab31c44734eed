package io.lrasaga.inventory;

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

/** Stock held for an order's LRA: ACTIVE while it runs, then COMPLETED or COMPENSATED. */
@Entity
@Table(name = "reservation", indexes = @Index(name = "reservation_lra", columnList = "lraId"))
public class Reservation extends PanacheEntity {


    @Column(nullable = false, length = 512)
    public String lraId;

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public int quantity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LocalStatus status;

    @Column(nullable = false)
    public Instant createdAt;

    public Instant endedAt;

    /** Locked, so a complete and a compensate of the same LRA cannot interleave. */
    static List<Reservation> lockedByLra(String lraId) {
        return find("lraId", lraId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
