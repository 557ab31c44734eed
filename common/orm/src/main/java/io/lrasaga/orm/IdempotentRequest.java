package io.lrasaga.orm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A request made with an Idempotency-Key, and once finished, its answer. See {@link JdbcIdempotencyStore}. */
@Entity
@Table(name = "lra_saga_idempotency")
public class IdempotentRequest {

    @Id
    @Column(name = "idem_key", length = 255)
    public String key;

    @Column(nullable = false, length = 64)
    public String fingerprint;

    /** RUNNING or DONE. */
    @Column(nullable = false, length = 8)
    public String state;

    public Integer status;

    @Column(name = "content_type")
    public String contentType;

    @Column(columnDefinition = "text")
    public String body;

    @Column(name = "claimed_at", nullable = false)
    public Instant claimedAt;
}
