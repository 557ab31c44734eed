package io.lrasaga.chaos;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One order of the load: its Idempotency-Key, its request, and what the client got for it. */
final class PlacedOrder {

    final int number;
    final String key;
    final Map<String, Object> request;
    final AtomicInteger attempts = new AtomicInteger();
    /** Every order id any answer for this key carried; more than one is a duplicate. */
    final Set<String> idsSeen = ConcurrentHashMap.newKeySet();
    private volatile Answer answer;
    private volatile boolean gaveUp;

    /** The final answer: its status, the problem type (null for 201) and the order id (null if none). */
    record Answer(int status, String type, String orderId) {
    }

    PlacedOrder(int number, String key, Map<String, Object> request) {
        this.number = number;
        this.key = key;
        this.request = request;
    }

    void answered(Answer answer) {
        if (answer.orderId() != null) {
            idsSeen.add(answer.orderId());
        }
        this.answer = answer;
    }

    void gaveUp() {
        gaveUp = true;
    }

    Answer answer() {
        return answer;
    }

    boolean done() {
        return answer != null || gaveUp;
    }

    boolean gaveUpWithoutAnswer() {
        return gaveUp && answer == null;
    }
}
