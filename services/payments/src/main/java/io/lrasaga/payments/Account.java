package io.lrasaga.payments;

import java.math.BigDecimal;

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

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal balance;

    /**
     * Takes {@code amount} off the balance only if that much is there, in one statement, so
     * concurrent payments can never drive the balance below zero.
     *
     * @return false when the funds are insufficient (or the customer unknown)
     */
    static boolean debitIfCovered(String customerId, BigDecimal amount) {
        return update("balance = balance - ?1 where customerId = ?2 and balance >= ?1", amount, customerId) == 1;
    }

    static void credit(String customerId, BigDecimal amount) {
        update("balance = balance + ?1 where customerId = ?2", amount, customerId);
    }
}
