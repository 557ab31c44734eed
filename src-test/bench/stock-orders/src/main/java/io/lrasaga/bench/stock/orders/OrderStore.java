package io.lrasaga.bench.stock.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** The orders table, one short transaction per write, as in the reference orders. */
@ApplicationScoped
public class OrderStore {

    @Transactional
    public void createPending(Order order) {
        order.status = Order.Status.PENDING;
        order.createdAt = Instant.now();
        order.persist();
    }

    @Transactional
    public Optional<Order> find(String id) {
        return Order.findByIdOptional(id);
    }

    /** PENDING orders matching the query move to {@code outcome}; an ended order keeps its status. */
    @Transactional
    public void end(String field, String value, Order.Status outcome) {
        List<Order> orders = Order.find(field, value).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (Order order : orders) {
            if (order.status == Order.Status.PENDING) {
                order.status = outcome;
                order.updatedAt = Instant.now();
            }
        }
    }
}
