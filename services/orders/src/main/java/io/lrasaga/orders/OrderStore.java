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

    @Transactional
    public Order createPending(Order order) {
        order.status = Order.Status.PENDING;
        order.createdAt = Instant.now();
        order.persist();
        return order;
    }

    @Transactional
    public Optional<Order> find(String id) {
        return Order.findByIdOptional(id);
    }

    /** PENDING orders of the LRA move to {@code outcome}; an order already ended keeps its status. */
    @Transactional
    public List<Order> end(String lraId, Order.Status outcome) {
        List<Order> orders = Order.find("lraId", lraId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
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
