package io.lrasaga.orm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One write a saga step made, with what it takes to undo it. Written in the step's own
 * transaction; replayed newest first on compensation, deleted on completion.
 */
@Entity
@Table(name = "lra_saga_undo", indexes = {
        @Index(name = "lra_saga_undo_lra", columnList = "lra_id"),
        @Index(name = "lra_saga_undo_row", columnList = "entity_name, entity_id") })
public class UndoRecord {

    public enum Operation {
        INSERT, UPDATE, DELETE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lra_id", nullable = false, length = 512)
    public String lraId;

    @Column(nullable = false, length = 8)
    public String operation;

    @Column(name = "entity_name", nullable = false)
    public String entityName;

    @Column(name = "entity_id", nullable = false, columnDefinition = "text")
    public String entityId;

    /** JSON: the changed properties of an update, the whole row of a delete. */
    @Column(columnDefinition = "text")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
