package io.lrasaga.orm.testapp;

import java.math.BigDecimal;

import io.lrasaga.orm.Commutative;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A test entity with one plain and one commutative field. */
@Entity
public class Widget extends PanacheEntityBase {

    @Id
    public String id;

    public String label;

    @Commutative
    public long count;

    @Commutative
    @Column(precision = 19, scale = 2)
    public BigDecimal amount = BigDecimal.ZERO;
}
