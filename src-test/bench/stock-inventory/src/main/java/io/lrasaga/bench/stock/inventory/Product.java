package io.lrasaga.bench.stock.inventory;

import java.math.BigDecimal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The same table as the reference inventory's, so every configuration writes the same rows. */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    public String sku;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal price;

    @Column(nullable = false)
    public int stock;
}
