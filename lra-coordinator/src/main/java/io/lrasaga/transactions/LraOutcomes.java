package io.lrasaga.transactions;

import java.util.Optional;

import jakarta.inject.Singleton;

import io.lrasaga.coordinator.history.HistoryStore;
import io.lrasaga.coordinator.store.LraStore;

/**
 * What this coordinator knows about an LRA now, asked in-process: its live status, a failed
 * record, or the outcome in the history of ended LRAs; and what that means for a transaction.
 */
@Singleton
public class LraOutcomes {

    private final LraStore store;
    private final HistoryStore history;

    LraOutcomes(LraStore store, HistoryStore history) {
        this.store = store;
        this.history = history;
    }

    /** The LRA's status name (Active, Closed, FailedToCancel, ...), or empty if the coordinator knows nothing of it. */
    public Optional<String> status(String uid) {
        return store.inMemory(uid).map(lra -> String.valueOf(lra.getLRAStatus()))
                .or(() -> store.failed(uid).map(lra -> lra.getLRAStatus().name()))
                .or(() -> history.outcome(uid));
    }

    /** The transaction status an LRA status stands for. */
    static TransactionResult.Status transactionStatus(String lraStatus) {
        if (lraStatus == null) {
            return TransactionResult.Status.unknown;
        }
        return switch (lraStatus) {
            // Closing: the decision is made; the coordinator finishes completing participants itself.
            case "Closed", "Closing" -> TransactionResult.Status.completed;
            case "Cancelled" -> TransactionResult.Status.compensated;
            // Cancelling after the cancel returned: a participant could not compensate (yet).
            case "Cancelling", "FailedToCancel", "FailedToClose" -> TransactionResult.Status.failed;
            default -> TransactionResult.Status.unknown;
        };
    }
}
