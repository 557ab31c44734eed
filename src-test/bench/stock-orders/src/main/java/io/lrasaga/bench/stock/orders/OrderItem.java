package io.lrasaga.bench.stock.orders;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order, with the price the catalogue had when the order was placed. */
@Embeddable
public class OrderItem {

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public int quantity;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal unitPrice;

    public OrderItem() {
    }

    public OrderItem(String sku, int quantity, BigDecimal unitPrice) {
        this.sku = sku;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }
}
