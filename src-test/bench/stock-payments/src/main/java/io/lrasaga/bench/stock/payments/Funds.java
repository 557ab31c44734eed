package io.lrasaga.bench.stock.payments;

import java.math.BigDecimal;
import java.time.Instant;

import io.lrasaga.bench.stock.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The business writes, shared by the stock (LRA) and the floor (no coordination) endpoints:
 * a guarded debit with its payment row, and the hand-written undo a stock team writes.
 */
@ApplicationScoped
public class Funds {

    @Transactional
    public Payment debit(String lraId, String customerId, BigDecimal amount) {
        // Locked: the check and the debit must see the same balance.
        Account account = Account.findById(customerId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw Problems.notFound("no account " + customerId);
        }
        if (account.balance.compareTo(amount) < 0) {
            throw Problems.problem(402, "insufficient-funds",
                    "the balance of " + customerId + " does not cover " + amount.toPlainString());
        }
        account.balance = account.balance.subtract(amount);
        Payment payment = new Payment();
        payment.lraId = lraId;
        payment.customerId = customerId;
        payment.amount = amount;
        payment.createdAt = Instant.now();
        payment.persist();
        return payment;
    }

    /** Credits the LRA's debits back and deletes them; a repeat finds nothing left. */
    @Transactional
    public void refund(String lraId) {
        for (Payment payment : Payment.<Payment>list("lraId", lraId)) {
            Account account = Account.findById(payment.customerId, LockModeType.PESSIMISTIC_WRITE);
            account.balance = account.balance.add(payment.amount);
            payment.delete();
        }
    }
}
