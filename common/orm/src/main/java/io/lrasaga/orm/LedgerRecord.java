package io.lrasaga.orm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What this service did under one LRA, and how that ended. Written by {@link SagaLedger} only. */
@Entity
@Table(name = "lra_saga_ledger")
public class LedgerRecord {

    @Id
    @Column(name = "lra_id", length = 512)
    public String lraId;

    /** A {@link org.eclipse.microprofile.lra.annotation.ParticipantStatus} name. */
    @Column(nullable = false, length = 32)
    public String status;

    @Column(columnDefinition = "text")
    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
