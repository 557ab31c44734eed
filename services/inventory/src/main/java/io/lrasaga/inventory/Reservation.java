package io.lrasaga.inventory;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Stock held for an order's LRA. Compensation deletes it together with giving the stock back. */
@Entity
@Table(name = "reservation", indexes = @Index(name = "reservation_lra", columnList = "lraId"))
public class Reservation extends PanacheEntity {

    @Column(nullable = false, length = 512)
    public String lraId;

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public int quantity;

    @Column(nullable = false)
    public Instant createdAt;
}
