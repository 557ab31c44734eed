package io.lrasaga.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.lrasaga.chaos.StoredOrders.Effect;
import io.lrasaga.chaos.StoredOrders.StoredOrder;
import io.lrasaga.launcher.App;
import io.lrasaga.launcher.Invariants;
import io.lrasaga.launcher.JsonHttp;
import io.lrasaga.launcher.JsonHttp.Reply;
import io.lrasaga.launcher.LocalSystem;

/**
 * The checks after a settled run, on top of DESIGN.md's {@link Invariants} (stock, balances,
 * events, nothing PENDING, no unfinished LRA), each over every order the database holds for
 * the seed: no duplicate effect (per order at most one reservation per line, one payment, one
 * event; per Idempotency-Key one order; no reservation or payment without an order), every
 * answered order is one the database holds, and the coordinator's admin API lists no LRA
 * except FailedTo* ones, which are reported with their participants.
 */
final class ChaosChecks {

    private final LocalSystem system;
    private final JsonHttp http = new JsonHttp();
    private final StoredOrders stored;

    ChaosChecks(LocalSystem system) {
        this.system = system;
        this.stored = new StoredOrders(system);
    }

    /** Effects of more than one saga for one order, or of a saga whose order is unknown. */
    List<String> duplicateEffects(String prefix, Map<String, StoredOrder> orders) {
        List<String> violations = new ArrayList<>();
        Map<String, StoredOrder> byLra = new HashMap<>();
        orders.values().forEach(order -> byLra.put(order.lraId(), order));
        Map<String, Effect> reservations = stored.reservations(prefix);
        Map<String, Effect> payments = stored.payments(prefix);
        for (StoredOrder order : orders.values()) {
            Effect reserved = reservations.get(order.lraId());
            Effect paid = payments.get(order.lraId());
            if (order.status().equals("CONFIRMED")) {
                if (reserved == null || !reserved.quantities().equals(order.quantities())
                        || reserved.rows() != order.quantities().size()) {
                    violations.add("confirmed order " + order.id() + " (" + order.quantities() + ") has reservations "
                            + (reserved == null ? "none" : reserved.quantities() + " in " + reserved.rows() + " rows"));
                }
                if (paid == null || paid.rows() != 1 || paid.amount().compareTo(order.total()) != 0) {
                    violations.add("confirmed order " + order.id() + " (total " + order.total() + ") has payments "
                            + (paid == null ? "none" : paid.amount() + " in " + paid.rows() + " rows"));
                }
            } else if (order.status().equals("CANCELLED")) {
                if (reserved != null) {
                    violations.add("cancelled order " + order.id() + " kept reservations " + reserved.quantities());
                }
                if (paid != null) {
                    violations.add("cancelled order " + order.id() + " kept a payment of " + paid.amount());
                }
            }
        }
        reservations.keySet().stream().filter(lra -> !byLra.containsKey(lra))
                .forEach(lra -> violations.add("reservations " + reservations.get(lra).quantities()
                        + " of an LRA with no order: " + lra));
        payments.keySet().stream().filter(lra -> !byLra.containsKey(lra))
                .forEach(lra -> violations.add("payment of " + payments.get(lra).amount()
                        + " in an LRA with no order: " + lra));
        return violations;
    }

    /**
     * One order per Idempotency-Key in the database, every answered order is the one its key
     * has, and no key got two different orders.
     */
    List<String> keysAndAnswers(List<PlacedOrder> placed, Map<String, StoredOrder> orders) {
        List<String> violations = new ArrayList<>();
        Map<String, List<String>> ordersOfKey = new HashMap<>();
        orders.values().forEach(order -> ordersOfKey.computeIfAbsent(String.valueOf(order.idempotencyKey()),
                key -> new ArrayList<>()).add(order.id()));
        ordersOfKey.forEach((key, ids) -> {
            if (ids.size() > 1) {
                violations.add("key " + key + " has " + ids.size() + " orders: " + ids);
            }
        });
        for (PlacedOrder order : placed) {
            if (order.idsSeen.size() > 1) {
                violations.add("key " + order.key + " was answered with several orders: " + order.idsSeen);
            }
            for (String id : order.idsSeen) {
                StoredOrder stored = orders.get(id);
                if (stored == null) {
                    violations.add("order " + id + " answered for key " + order.key + " is not in the database");
                } else if (!order.key.equals(stored.idempotencyKey())) {
                    violations.add("order " + id + " answered for key " + order.key + " belongs to key "
                            + stored.idempotencyKey());
                }
            }
        }
        return violations;
    }

    /**
     * Sends every key that got a final answer below 500 again: a kept answer must name the same
     * order (a repeat that placed a second order would be a duplicate effect).
     */
    List<String> replays(List<PlacedOrder> placed) {
        List<String> violations = new ArrayList<>();
        for (PlacedOrder order : placed) {
            PlacedOrder.Answer answer = order.answer();
            if (answer == null || answer.orderId() == null || answer.status() >= 500) {
                continue;
            }
            Reply replay = http.post(system.url(App.ORDERS) + "/orders", order.request,
                    Map.of("Idempotency-Key", order.key));
            if (replay.status() != answer.status() || !Objects.equals(replay.text("id"), answer.orderId())) {
                violations.add("replay of key " + order.key + " answered " + replay.status() + " order "
                        + replay.text("id") + ", first " + answer.status() + " order " + answer.orderId());
            }
        }
        return violations;
    }

    /** LRAs the admin API still lists: FailedTo* ones go to {@code failed} with their participants, the rest are violations. */
    List<String> coordinatorLras(List<String> failed) {
        List<String> violations = new ArrayList<>();
        JsonNode page = admin("/admin/lras?size=100");
        for (JsonNode lra : page.path("items")) {
            String status = lra.path("status").asText();
            String described = describe(lra);
            if (status.startsWith("FailedTo")) {
                failed.add(described);
            } else {
                violations.add("LRA still held by the coordinator: " + described);
            }
        }
        if (page.path("total").asInt() > page.path("items").size()) {
            violations.add("the coordinator lists " + page.path("total").asInt() + " LRAs");
        }
        return violations;
    }

    /** Whether the coordinator holds no LRA except FailedTo* ones. */
    boolean coordinatorSettled() {
        for (JsonNode lra : admin("/admin/lras?size=100").path("items")) {
            if (!lra.path("status").asText().startsWith("FailedTo")) {
                return false;
            }
        }
        return true;
    }

    /** An LRA with its client, start and participants (where they are, their state), for the report. */
    private String describe(JsonNode lra) {
        String uid = lra.path("uid").asText();
        List<String> participants = new ArrayList<>();
        JsonNode detail = admin("/admin/lras/" + uid);
        for (JsonNode participant : detail.path("participants")) {
            participants.add(participant.path("participant").asText(participant.path("compensate").asText()) + " "
                    + participant.path("state").asText() + " (" + participant.path("list").asText() + ")");
        }
        return uid + " " + lra.path("status").asText() + " (client " + lra.path("clientId").asText() + ", started "
                + lra.path("startTime").asText() + ", recovering " + lra.path("recovering").asText() + "): "
                + participants + " transitions " + detail.path("transitions");
    }

    private JsonNode admin(String path) {
        String credentials = Base64.getEncoder().encodeToString(("operator:" + system.adminPassword())
                .getBytes(StandardCharsets.UTF_8));
        Reply reply = http.get(system.url(App.COORDINATOR) + path, Map.of("Authorization", "Basic " + credentials));
        if (reply.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + reply.status() + " " + reply.body());
        }
        return reply.body();
    }
}
