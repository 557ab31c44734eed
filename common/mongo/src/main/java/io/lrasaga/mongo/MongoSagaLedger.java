package io.lrasaga.mongo;

import static org.eclipse.microprofile.lra.annotation.ParticipantStatus.Active;
import static org.eclipse.microprofile.lra.annotation.ParticipantStatus.Compensated;
import static org.eclipse.microprofile.lra.annotation.ParticipantStatus.Compensating;
import static org.eclipse.microprofile.lra.annotation.ParticipantStatus.Completed;
import static org.eclipse.microprofile.lra.annotation.ParticipantStatus.Completing;
import static org.eclipse.microprofile.lra.annotation.ParticipantStatus.FailedToCompensate;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.lrasaga.participant.ParticipantLedger;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.jboss.logging.Logger;

/**
 * The ledger of a MongoDB service. Without multi-document transactions an ending is three
 * atomic steps: the ledger entry leaves Active first (from then on no step can start, and a
 * step already writing sees it and settles its own late write — see {@link SagaDocuments}),
 * then the LRA's marked documents are swept, then the outcome is recorded. A crash in between
 * leaves Completing/Compensating, and the coordinator's retry runs the idempotent sweep again.
 */
@Singleton
public class MongoSagaLedger implements ParticipantLedger {

    private static final Logger LOG = Logger.getLogger(MongoSagaLedger.class);

    private final LedgerCollection ledger;
    private final MarkerSweep sweep;

    MongoSagaLedger(LedgerCollection ledger, MarkerSweep sweep) {
        this.ledger = ledger;
        this.sweep = sweep;
    }

    @Override
    public ParticipantStatus complete(String lraId) {
        LedgerCollection.Entry entry = ledger.transition(lraId, EnumSet.of(Active, Completing), Completing, null);
        if (entry.status() != Completing) {
            return entry.status();
        }
        sweep.complete(lraId, entry.collections(), entry::mayHaveDeleted);
        return ledger.transition(lraId, EnumSet.of(Completing), Completed, null).status();
    }

    @Override
    public ParticipantStatus compensate(String lraId) {
        LedgerCollection.Entry entry = ledger.transition(lraId, EnumSet.of(Active, Compensating, FailedToCompensate),
                Compensating, null);
        if (entry.status() != Compensating) {
            return entry.status();
        }
        List<String> failures = sweep.compensate(lraId, entry.collections());
        if (!failures.isEmpty()) {
            // The markers stay: the documents remain locked until someone repairs them.
            String reason = String.join("; ", failures);
            LOG.warnf("compensation of %s failed: %s", lraId, reason);
            return ledger.transition(lraId, EnumSet.of(Compensating), FailedToCompensate, reason).status();
        }
        return ledger.transition(lraId, EnumSet.of(Compensating), Compensated, null).status();
    }

    @Override
    public Optional<ParticipantStatus> status(String lraId) {
        return ledger.find(lraId).map(LedgerCollection.Entry::status);
    }

    @Override
    public Optional<String> failureReason(String lraId) {
        return ledger.find(lraId).map(LedgerCollection.Entry::reason);
    }

    /**
     * Only a failed LRA is forgotten (any other still needs its record to end). Its markers go
     * with it, as they are: the repair decided the documents' content, they must not stay locked.
     */
    @Override
    public boolean forget(String lraId) {
        Optional<LedgerCollection.Entry> forgotten = ledger.forgetFailed(lraId);
        forgotten.ifPresent(entry -> sweep.release(lraId, entry.collections()));
        return forgotten.isPresent();
    }
}
