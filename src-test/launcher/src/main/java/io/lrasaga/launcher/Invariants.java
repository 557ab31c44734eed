package io.lrasaga.launcher;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * DESIGN.md's invariants, checked after the fact through the services' own APIs: per sku,
 * initial stock = stock + quantities of CONFIRMED orders; per customer, initial balance =
 * balance + totals of CONFIRMED orders; a CANCELLED order leaves no visible event and a
 * CONFIRMED one exactly one; nothing stays PENDING; no LRA is left unfinished at the coordinator.
 */
public final class Invariants {

    /** Stock and balances before the run. */
    public record Snapshot(Map<String, Integer> stock, Map<String, BigDecimal> balance) {
    }

    private final LocalSystem system;
    private final JsonHttp http = new JsonHttp();

    public Invariants(LocalSystem system) {
        this.system = system;
    }

    public Snapshot snapshot(Collection<String> skus, Collection<String> customers) {
        Map<String, Integer> stock = new LinkedHashMap<>();
        for (String sku : skus) {
            stock.put(sku, http.get(system.url(App.INVENTORY) + "/products/" + sku).body().path("stock").asInt());
        }
        Map<String, BigDecimal> balance = new LinkedHashMap<>();
        for (String customer : customers) {
            balance.put(customer, http.get(system.url(App.PAYMENTS) + "/accounts/" + customer).body()
                    .path("balance").decimalValue());
        }
        return new Snapshot(stock, balance);
    }

    /** Orders still PENDING (their LRA has not ended yet, or something is stuck). */
    public List<String> pending(Collection<String> orderIds) {
        List<String> pending = new ArrayList<>();
        for (String id : orderIds) {
            if ("PENDING".equals(order(id).path("status").asText())) {
                pending.add(id);
            }
        }
        return pending;
    }

    /** LRAs the coordinator still has that are not in a final state. */
    public List<String> unfinishedLras() {
        List<String> unfinished = new ArrayList<>();
        for (JsonNode lra : http.get(system.coordinatorUrl()).body()) {
            String status = lra.path("status").asText();
            if (!status.equals("Closed") && !status.equals("Cancelled")) {
                unfinished.add(lra.path("lraId").asText() + " " + status);
            }
        }
        return unfinished;
    }

    /** Every violation found; empty when the run was consistent. */
    public List<String> violations(Snapshot initial, Collection<String> orderIds) {
        return violations(initial, orderIds, true);
    }

    /**
     * Every violation found; {@code coordinated} false for a run without any coordinator (the
     * benchmark's floor), which then is not asked for unfinished LRAs.
     */
    public List<String> violations(Snapshot initial, Collection<String> orderIds, boolean coordinated) {
        List<String> violations = new ArrayList<>();
        Map<String, Integer> expectedStock = new HashMap<>(initial.stock());
        Map<String, BigDecimal> expectedBalance = new HashMap<>(initial.balance());
        Map<String, List<String>> confirmedByCustomer = new HashMap<>();
        Map<String, List<String>> cancelledByCustomer = new HashMap<>();
        for (String id : orderIds) {
            JsonNode order = order(id);
            String status = order.path("status").asText();
            String customer = order.path("customerId").asText();
            switch (status) {
                case "CONFIRMED" -> {
                    for (JsonNode item : order.path("items")) {
                        expectedStock.merge(item.path("sku").asText(), -item.path("quantity").asInt(), Integer::sum);
                    }
                    expectedBalance.merge(customer, order.path("total").decimalValue().negate(), BigDecimal::add);
                    confirmedByCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(id);
                }
                case "CANCELLED" -> cancelledByCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(id);
                default -> violations.add("order " + id + " is " + status);
            }
        }
        Snapshot now = snapshot(initial.stock().keySet(), initial.balance().keySet());
        expectedStock.forEach((sku, expected) -> {
            if (!expected.equals(now.stock().get(sku))) {
                violations.add("stock of " + sku + " is " + now.stock().get(sku) + ", expected " + expected);
            }
        });
        expectedBalance.forEach((customer, expected) -> {
            if (expected.compareTo(now.balance().get(customer)) != 0) {
                violations.add("balance of " + customer + " is " + now.balance().get(customer) + ", expected " + expected);
            }
        });
        for (String customer : initial.balance().keySet()) {
            Map<String, Integer> eventsPerOrder = new HashMap<>();
            for (JsonNode event : http.get(system.url(App.ACTIVITY) + "/events?userId=" + customer).body()) {
                eventsPerOrder.merge(event.path("orderId").asText(), 1, Integer::sum);
            }
            for (String id : confirmedByCustomer.getOrDefault(customer, List.of())) {
                if (eventsPerOrder.getOrDefault(id, 0) != 1) {
                    violations.add("confirmed order " + id + " has " + eventsPerOrder.getOrDefault(id, 0) + " events");
                }
            }
            for (String id : cancelledByCustomer.getOrDefault(customer, List.of())) {
                if (eventsPerOrder.containsKey(id)) {
                    violations.add("cancelled order " + id + " has a visible event");
                }
            }
        }
        if (coordinated) {
            violations.addAll(unfinishedLras().stream().map(lra -> "LRA not finished: " + lra).toList());
        }
        return violations;
    }

    private JsonNode order(String id) {
        return http.get(system.url(App.ORDERS) + "/orders/" + id).body();
    }
}
