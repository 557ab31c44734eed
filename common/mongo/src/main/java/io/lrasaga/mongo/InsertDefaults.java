package io.lrasaga.mongo;

import java.util.Optional;

/**
 * A document class that fills in its own defaults when {@link SagaDocuments} inserts it — what
 * JPA's {@code @PrePersist} does for an ORM entity. The one place for them, so a document written
 * by the service's own endpoint and one written by a declarative data operation
 * ({@code POST /transactions}) look the same.
 */
public interface InsertDefaults {

    /**
     * Called just before the insert; sets only what is still unset.
     *
     * @param lraId the LRA the document is written in, if any
     */
    void beforeInsert(Optional<String> lraId);
}
