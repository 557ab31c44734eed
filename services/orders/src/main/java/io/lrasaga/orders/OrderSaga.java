package io.lrasaga.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.lrasaga.orders.client.ActivityClient;
import io.lrasaga.orders.client.InventoryClient;
import io.lrasaga.orders.client.PaymentsClient;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import io.narayana.lra.client.internal.NarayanaLRAClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The order saga: price the order, write it PENDING, reserve stock, charge the customer,
 * record the activity — all inside the LRA the resource started — then close the LRA, or
 * cancel it at the first refused step. The order's final status is set by this service's
 * own complete/compensate callbacks, so a saga ended by the coordinator (time limit,
 * recovery) ends the order the same way.
 */
@ApplicationScoped
public class OrderSaga {

    private static final Logger LOG = Logger.getLogger(OrderSaga.class);

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

    @Inject
    NarayanaLRAClient lraClient;

    @Inject
    OrderEndings endings;

    /**
     * @param idempotencyKey the request's {@code Idempotency-Key} (validated and claimed by the
     *                       idempotency filter), or null
     */
    public Response place(URI lra, NewOrder request, String idempotencyKey) {
        Order order;
        try {
            order = priced(request);
        } catch (RuntimeException refused) {
            cancel(lra);
            throw refused;
        }
        order.id = UUID.randomUUID().toString();
        order.lraId = lra.toASCIIString();
        order.idempotencyKey = idempotencyKey;
        try {
            store.createPending(order);
        } catch (PersistenceException e) {
            // The key is unique. An earlier attempt with it wrote its order and then lost its
            // claim (its process died, or it answered 5xx): the key has its order, answer that.
            Optional<Order> earlier = idempotencyKey == null ? Optional.empty()
                    : store.byIdempotencyKey(idempotencyKey);
            if (earlier.isEmpty()) {
                throw e;
            }
            cancel(lra);
            return answer(earlier.get());
        }
        try {
            for (OrderItem item : order.items) {
                StepCalls.call("inventory", () -> inventory.reserve(lra,
                        new InventoryClient.ReservationRequest(item.sku, item.quantity)));
            }
            StepCalls.call("payments", () -> payments.pay(lra,
                    new PaymentsClient.PaymentRequest(order.customerId, order.total)));
            StepCalls.call("activity", () -> activity.record(lra,
                    new ActivityClient.EventRequest(order.customerId, "ORDER_PLACED", order.id, order.total)));
        } catch (StepFailure failure) {
            return cancelled(lra, order, failure.problem());
        }
        return closed(lra, order);
    }

    private Response closed(URI lra, Order order) {
        endings.expect(order.lraId);
        Optional<Order> ended;
        try {
            lraClient.closeLRA(lra);
        } catch (WebApplicationException | ProcessingException e) {
            LOG.warnf("closing %s failed: %s", lra, e.getMessage());
        } finally {
            ended = endings.take(order.lraId);
        }
        return answer(ended.orElseGet(() -> reread(order)));
    }

    /** The answer for an order as it stands: 201 once CONFIRMED, else a problem carrying the order. */
    private static Response answer(Order ended) {
        return switch (ended.status) {
            case CONFIRMED -> Response.created(URI.create("/orders/" + ended.id)).entity(ended).build();
            case CANCELLED -> withOrder(Problem.of(ProblemType.SAGA_CANCELLED,
                    "the saga was cancelled before it could close (time limit?)"), ended).toResponse();
            case PENDING -> withOrder(Problem.of(ProblemType.OUTCOME_UNKNOWN,
                    "the saga's outcome is not known yet; poll GET /orders/" + ended.id), ended).toResponse();
        };
    }

    private Response cancelled(URI lra, Order order, Problem problem) {
        cancel(lra);
        // The compensate callback normally ended the order already; this covers a cancel that
        // overtook the PENDING insert.
        List<Order> ended = store.end(order.lraId, Order.Status.CANCELLED);
        return withOrder(problem, ended.isEmpty() ? reread(order) : ended.get(0)).toResponse();
    }

    private void cancel(URI lra) {
        try {
            lraClient.cancelLRA(lra);
        } catch (WebApplicationException e) {
            // 404: the LRA already ended (its time limit expired, or an operator cancelled it).
            if (e.getResponse().getStatus() != 404) {
                LOG.warnf("cancelling %s failed: %s; its time limit will cancel it", lra, e.getMessage());
            }
        } catch (ProcessingException e) {
            LOG.warnf("cancelling %s failed: %s; its time limit will cancel it", lra, e.getMessage());
        }
    }

    private Order reread(Order order) {
        return store.find(order.id).orElse(order);
    }

    private static Problem withOrder(Problem problem, Order order) {
        return problem.with("id", order.id).with("status", order.status).with("lraId", order.lraId);
    }

    /** Looks up prices and the customer before anything is written: unknown ones are a 422. */
    private Order priced(NewOrder request) {
        Order order = new Order();
        order.customerId = request.customerId();
        order.items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        List<NewOrder.Item> items = request.items();
        for (int i = 0; i < items.size(); i++) {
            NewOrder.Item item = items.get(i);
            BigDecimal price = new BigDecimal(String.valueOf(
                    lookup("inventory", Problem.unknownReference("items[" + i + "].sku", "no product " + item.sku()),
                            () -> inventory.product(item.sku())).get("price")));
            order.items.add(new OrderItem(item.sku(), item.quantity(), price));
            total = total.add(price.multiply(BigDecimal.valueOf(item.quantity())));
        }
        lookup("payments", Problem.unknownReference("customerId", "no account for customer " + request.customerId()),
                () -> payments.account(request.customerId()));
        order.total = total;
        return order;
    }

    private static Map<String, Object> lookup(String step, Problem ifNotFound, Supplier<Response> call) {
        try {
            return StepCalls.call(step, call, ifNotFound);
        } catch (StepFailure failure) {
            throw new ProblemException(failure.problem());
        }
    }
}
