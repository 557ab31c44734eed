package io.lrasaga.orm;

import java.util.Optional;

import io.lrasaga.participant.ParticipantLedger;
import io.lrasaga.participant.SagaContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The ledger of a Hibernate ORM service: ends an LRA's work in one local transaction, under a
 * lock on the LRA's ledger row, so a complete, a compensate and a late saga step of the same
 * LRA are strictly ordered and each outcome is recorded exactly once.
 */
@ApplicationScoped
public class SagaLedger implements ParticipantLedger {

    private static final Logger LOG = Logger.getLogger(SagaLedger.class);

    @Inject
    Session session;

    @Inject
    SagaContext context;

    @Override
    public ParticipantStatus complete(String lraId) {
        return QuarkusTransaction.requiringNew().call(() -> session.doReturningWork(connection -> {
            String status = SagaTables.lockLedger(connection, lraId);
            if (!status.equals("Active")) {
                return ParticipantStatus.valueOf(status);
            }
            SagaTables.settle(connection, lraId, ParticipantStatus.Completed.name());
            return ParticipantStatus.Completed;
        }));
    }

    @Override
    public ParticipantStatus compensate(String lraId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> undoAll(lraId));
        } catch (CompensationFailed failed) {
            // The partial undo rolled back; the record of what to undo and the locks stay for repair.
            LOG.warnf("compensation of %s failed: %s", lraId, failed.getMessage());
            QuarkusTransaction.requiringNew().run(() -> session.doWork(connection -> {
                SagaTables.lockLedger(connection, lraId);
                SagaTables.setStatus(connection, lraId, ParticipantStatus.FailedToCompensate.name(),
                        failed.getMessage());
            }));
            return ParticipantStatus.FailedToCompensate;
        }
    }

    private ParticipantStatus undoAll(String lraId) {
        String status = session.doReturningWork(connection -> SagaTables.lockLedger(connection, lraId));
        if (!status.equals("Active") && !status.equals(ParticipantStatus.FailedToCompensate.name())) {
            return ParticipantStatus.valueOf(status);
        }
        UndoReplay replay = new UndoReplay(session);
        context.replay(lraId);
        try {
            for (SagaTables.Undo undo : session.doReturningWork(c -> SagaTables.undoNewestFirst(c, lraId))) {
                try {
                    replay.undo(undo);
                } catch (UndoReplay.Conflict conflict) {
                    throw new CompensationFailed(conflict.getMessage());
                }
            }
            session.flush();
        } finally {
            context.endReplay();
        }
        session.doWork(connection -> SagaTables.settle(connection, lraId, ParticipantStatus.Compensated.name()));
        return ParticipantStatus.Compensated;
    }

    @Override
    public Optional<ParticipantStatus> status(String lraId) {
        return QuarkusTransaction.joiningExisting().call(() -> session.doReturningWork(
                connection -> SagaTables.status(connection, lraId).map(ParticipantStatus::valueOf)));
    }

    @Override
    public Optional<String> failureReason(String lraId) {
        return QuarkusTransaction.joiningExisting().call(() -> session.doReturningWork(
                connection -> SagaTables.reason(connection, lraId)));
    }

    /** Only a failed LRA is forgotten: for any other, forgetting would drop what undoes it. */
    @Override
    public boolean forget(String lraId) {
        return QuarkusTransaction.requiringNew().call(() -> session.doReturningWork(connection -> {
            Optional<String> status = SagaTables.status(connection, lraId);
            if (status.isEmpty() || !status.get().startsWith("Failed")) {
                return false;
            }
            SagaTables.release(connection, lraId);
            return SagaTables.deleteLedger(connection, lraId);
        }));
    }

    private static final class CompensationFailed extends RuntimeException {
        CompensationFailed(String message) {
            super(message, null, false, false);
        }
    }
}
