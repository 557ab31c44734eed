package io.lrasaga.orders;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands an order's end, as this process's complete or compensate callback committed it, to the
 * request that is closing the order's saga here, so that its answer need not read the order
 * again. Only sagas being closed in this process are kept, and only until their close returns:
 * a callback that reached another replica, or none, leaves the request to read the order.
 */
@ApplicationScoped
public class OrderEndings {

    private final Map<String, Optional<Order>> closing = new ConcurrentHashMap<>();

    /** Before the close: the LRA's ending is wanted. */
    void expect(String lraId) {
        closing.put(lraId, Optional.empty());
    }

    /** After the callback's transaction committed: its orders as they now stand. */
    void ended(String lraId, List<Order> orders) {
        if (!orders.isEmpty()) {
            closing.computeIfPresent(lraId, (lra, nothingYet) -> Optional.of(orders.get(0)));
        }
    }

    /** After the close: the ending recorded meanwhile, if any; the LRA is no longer wanted. */
    Optional<Order> take(String lraId) {
        Optional<Order> ended = closing.remove(lraId);
        return ended == null ? Optional.empty() : ended;
    }
}
