package io.lrasaga.inventory;

import java.math.BigDecimal;

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

    @Column(nullable = false)
    public int stock;

    /**
     * Takes {@code quantity} off the stock only if that much is there, in one statement, so
     * concurrent reservations can never drive the stock below zero.
     *
     * @return false when the stock is insufficient (or the sku unknown)
     */
    static boolean decrementIfAvailable(String sku, int quantity) {
        return update("stock = stock - ?1 where sku = ?2 and stock >= ?1", quantity, sku) == 1;
    }

    static void increment(String sku, int quantity) {
        update("stock = stock + ?1 where sku = ?2", quantity, sku);
    }
}
