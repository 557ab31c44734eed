package io.lrasaga.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The hand-over from a callback to the request closing the same saga in this process. */
class OrderEndingsTest {

    private final OrderEndings endings = new OrderEndings();

    private static Order order(Order.Status status) {
        Order order = new Order();
        order.id = "o-" + status;
        order.status = status;
        return order;
    }

    @Test
    void theRequestClosingTheSagaGetsTheEndingItsCallbackCommitted() {
        endings.expect("lra-1");
        endings.ended("lra-1", List.of(order(Order.Status.CONFIRMED)));

        assertEquals(Order.Status.CONFIRMED, endings.take("lra-1").orElseThrow().status);
        assertTrue(endings.take("lra-1").isEmpty(), "handed over once");
    }

    @Test
    void withoutACallbackHereTheRequestFindsNothingAndReadsTheOrder() {
        endings.expect("lra-2");

        assertTrue(endings.take("lra-2").isEmpty());
    }

    @Test
    void endingsOfSagasNotBeingClosedHereAreNotKept() {
        // a recovery callback, or one for a saga another replica is closing
        endings.ended("lra-3", List.of(order(Order.Status.CANCELLED)));
        endings.expect("lra-3");

        assertTrue(endings.take("lra-3").isEmpty());
    }

    @Test
    void aCallbackThatFoundNoOrderLeavesTheRequestToReadIt() {
        endings.expect("lra-4");
        endings.ended("lra-4", List.of());

        assertTrue(endings.take("lra-4").isEmpty());
    }
}
