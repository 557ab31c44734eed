package io.lrasaga.bench.stock.payments;

import java.math.BigDecimal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The same table as the reference payments', so every configuration writes the same rows. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public String customerId;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal balance;
}
