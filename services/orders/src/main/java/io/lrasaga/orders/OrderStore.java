package io.lrasaga.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The orders table, one short transaction per step: the PENDING order must be committed
 * before any participant is called, so a compensation arriving from the coordinator finds it.
 */
@ApplicationScoped
public class OrderStore {

    /**
     * Flushed here, so that a second order with the same idempotency key fails in this call
     * (the key is unique) rather than at commit.
     */
    @Transactional
    public Order createPending(Order order) {
        order.status = Order.Status.PENDING;
        order.createdAt = Instant.now();
        order.persistAndFlush();
        return order;
    }

    @Transactional
    public Optional<Order> find(String id) {
        return Order.findByIdOptional(id);
    }

    /** PENDING orders of the LRA move to {@code outcome}; an order already ended keeps its status. */
    @Transactional
    public List<Order> end(String lraId, Order.Status outcome) {
        return end(lraId, outcome, () -> {
        });
    }

    /**
     * As {@link #end(String, Order.Status)}, in one transaction with a check that runs first,
     * only when there is a PENDING order to end: a check that throws changes nothing.
     */
    @Transactional
    public List<Order> end(String lraId, Order.Status outcome, Runnable checkBeforeEnding) {
        List<Order> orders = Order.find("lraId", lraId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (orders.stream().anyMatch(order -> order.status == Order.Status.PENDING)) {
            checkBeforeEnding.run();
        }
        for (Order order : orders) {
            if (order.status == Order.Status.PENDING) {
                order.status = outcome;
                order.updatedAt = Instant.now();
            }
        }
        return orders;
    }

    @Transactional
    public Optional<Order> byIdempotencyKey(String key) {
        return Order.find("idempotencyKey", key).firstResultOptional();
    }

    @Transactional
    public List<Order> byLra(String lraId) {
        return Order.list("lraId", lraId);
    }
}
