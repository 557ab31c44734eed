package io.lrasaga.bench.stock.inventory;

import java.time.Instant;
import java.util.List;

import io.lrasaga.bench.stock.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The business writes, shared by the stock (LRA) and the floor (no coordination) endpoints:
 * a guarded decrement with its reservation row, and the hand-written undo a stock team writes.
 */
@ApplicationScoped
public class Stock {

    @Transactional
    public Reservation reserve(String lraId, String sku, int quantity) {
        // Locked: the check and the decrement must see the same stock.
        Product product = Product.findById(sku, LockModeType.PESSIMISTIC_WRITE);
        if (product == null) {
            throw Problems.notFound("no product " + sku);
        }
        if (product.stock < quantity) {
            throw Problems.problem(409, "insufficient-stock", "not enough stock of " + sku + " for " + quantity);
        }
        product.stock -= quantity;
        Reservation reservation = new Reservation();
        reservation.lraId = lraId;
        reservation.sku = sku;
        reservation.quantity = quantity;
        reservation.createdAt = Instant.now();
        reservation.persist();
        return reservation;
    }

    /** Gives the stock of the LRA's reservations back and deletes them; a repeat finds nothing left. */
    @Transactional
    public void release(String lraId) {
        List<Reservation> reservations = Reservation.list("lraId", lraId);
        for (Reservation reservation : reservations) {
            Product product = Product.findById(reservation.sku, LockModeType.PESSIMISTIC_WRITE);
            product.stock += reservation.quantity;
            reservation.delete();
        }
    }
}
