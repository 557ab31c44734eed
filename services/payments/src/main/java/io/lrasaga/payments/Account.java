package io.lrasaga.payments;

import java.math.BigDecimal;

import io.lrasaga.orm.Commutative;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public String customerId;

    /** Payments of concurrent sagas take and give back money without blocking each other. */
    @Commutative
    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal balance;
}
