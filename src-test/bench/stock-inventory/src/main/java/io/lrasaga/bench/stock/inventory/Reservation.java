package io.lrasaga.bench.stock.inventory;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Stock held for an order; {@code lraId} is null for the floor's uncoordinated orders. */
@Entity
@Table(name = "reservation", indexes = @Index(name = "reservation_lra", columnList = "lraId"))
public class Reservation extends PanacheEntity {

    @Column(length = 512)
    public String lraId;

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public int quantity;

    @Column(nullable = false)
    public Instant createdAt;
}
