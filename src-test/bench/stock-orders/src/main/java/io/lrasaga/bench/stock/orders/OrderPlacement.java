package io.lrasaga.bench.stock.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.lrasaga.bench.stock.Problems;
import io.lrasaga.bench.stock.orders.client.ActivityClient;
import io.lrasaga.bench.stock.orders.client.InventoryClient;
import io.lrasaga.bench.stock.orders.client.PaymentsClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The order's business work, the same for the stock saga and the floor: price the items and
 * check the customer (two reads), write the order PENDING, then reserve, pay and record the
 * event. With an LRA the steps go to the participants' LRA endpoints; without (the floor) to
 * their uncoordinated twins.
 */
@ApplicationScoped
public class OrderPlacement {

    @Inject
    @RestClient
    InventoryClient inventory;

    @Inject
    @RestClient
    PaymentsClient payments;

    @Inject
    @RestClient
    ActivityClient activity;

    @Inject
    OrderStore store;

    public Order createPending(URI lra, NewOrder request) {
        Order order = new Order();
        order.id = UUID.randomUUID().toString();
        order.lraId = lra == null ? null : lra.toASCIIString();
        order.customerId = request.customerId();
        BigDecimal total = BigDecimal.ZERO;
        for (NewOrder.Item item : request.items()) {
            BigDecimal price = new BigDecimal(String.valueOf(
                    body("inventory", inventory.product(item.sku())).get("price")));
            order.items.add(new OrderItem(item.sku(), item.quantity(), price));
            total = total.add(price.multiply(BigDecimal.valueOf(item.quantity())));
        }
        body("payments", payments.account(request.customerId()));
        order.total = total;
        store.createPending(order);
        return order;
    }

    public void runSteps(URI lra, Order order) {
        for (OrderItem item : order.items) {
            InventoryClient.ReservationRequest reservation = new InventoryClient.ReservationRequest(item.sku,
                    item.quantity);
            body("inventory", lra == null ? inventory.reserveUncoordinated(reservation)
                    : inventory.reserve(lra, reservation));
        }
        PaymentsClient.PaymentRequest payment = new PaymentsClient.PaymentRequest(order.customerId, order.total);
        body("payments", lra == null ? payments.payUncoordinated(payment) : payments.pay(lra, payment));
        ActivityClient.EventRequest event = new ActivityClient.EventRequest(order.customerId, "ORDER_PLACED",
                order.id, order.total);
        body("activity", lra == null ? activity.recordUncoordinated(event) : activity.record(lra, event));
    }

    /** The step's JSON answer; a refusal or failure becomes this service's answer with the same status. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(String step, Response response) {
        try (response) {
            if (response.getStatus() >= 400) {
                String detail = response.hasEntity() ? response.readEntity(String.class) : "";
                throw Problems.problem(response.getStatus() >= 500 ? 502 : response.getStatus(),
                        "step-refused", step + " answered " + response.getStatus() + " " + detail);
            }
            return response.readEntity(Map.class);
        }
    }
}
