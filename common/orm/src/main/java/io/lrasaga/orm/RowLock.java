package io.lrasaga.orm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A semantic lock: the row {@code lockKey} was inserted, deleted or changed in a way that does
 * not commute by the in-flight LRA {@code lraId}. Other sagas writing the row get a
 * saga-conflict until that LRA completes or is compensated.
 */
@Entity
@Table(name = "lra_saga_lock", indexes = @Index(name = "lra_saga_lock_lra", columnList = "lra_id"))
public class RowLock {

    /** Entity name and JSON id: {@code io.acme.Product#"sku-1"}. */
    @Id
    @Column(name = "lock_key", length = 1024)
    public String lockKey;

    @Column(name = "lra_id", nullable = false, length = 512)
    public String lraId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
