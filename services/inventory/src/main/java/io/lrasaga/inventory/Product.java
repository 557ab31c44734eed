package io.lrasaga.inventory;

import java.math.BigDecimal;

import io.lrasaga.orm.Commutative;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    public String sku;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal price;

    /** Reservations of concurrent sagas take and give back stock without blocking each other. */
    @Commutative
    @Column(nullable = false)
    public int stock;
}
