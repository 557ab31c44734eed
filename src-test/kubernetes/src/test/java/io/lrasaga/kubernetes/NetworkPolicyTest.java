package io.lrasaga.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The NetworkPolicies, evaluated as Kubernetes does for pods of the same namespace: a pod
 * selected by any ingress policy accepts a connection only if one of those policies' rules
 * admits the source pod's labels on that port.
 */
class NetworkPolicyTest {

    private static final List<String> PARTICIPANTS = List.of("orders", "inventory", "payments", "activity");

    static Stream<Path> kustomizations() {
        return Project.kustomizations().stream();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void sagaTrafficIsAllowedAndNothingElse(Path dir) {
        Rendered rendered = Kustomize.render(dir);
        Map<String, String> coordinator = rendered.workload("lra-coordinator").podLabels();
        Map<String, String> stranger = Map.of("app.kubernetes.io/name", "debug-shell");
        List<String> wrong = new ArrayList<>();
        for (String service : PARTICIPANTS) {
            Map<String, String> pod = rendered.workload(service).podLabels();
            expect(rendered, coordinator, service, true, "coordinator calls back " + service, wrong);
            expect(rendered, pod, "lra-coordinator", true, service + " reaches the coordinator", wrong);
            expect(rendered, stranger, service, false, "an unrelated pod reaches " + service, wrong);
        }
        expect(rendered, stranger, "lra-coordinator", false, "an unrelated pod reaches the coordinator", wrong);
        for (String step : List.of("inventory", "payments", "activity")) {
            expect(rendered, rendered.workload("orders").podLabels(), step, true, "orders calls " + step, wrong);
            expect(rendered, Map.of("lra-saga.io/orders-client", "true"), step, false, "an orders client calls " + step, wrong);
        }
        expect(rendered, rendered.workload("inventory").podLabels(), "payments", false, "inventory calls payments", wrong);
        expect(rendered, Map.of("lra-saga.io/orders-client", "true"), "orders", true, "an orders client calls orders", wrong);
        assertEquals(List.of(), wrong);
    }

    @Test
    void devDatabasesOnlyForTheirServices() {
        Rendered dev = Kustomize.render(Project.overlay("dev"));
        List<String> wrong = new ArrayList<>();
        for (String sql : List.of("orders", "inventory", "payments")) {
            expect(dev, dev.workload(sql).podLabels(), "postgresql", true, sql + " reaches PostgreSQL", wrong);
            expect(dev, dev.workload(sql).podLabels(), "mongodb", false, sql + " reaches MongoDB", wrong);
        }
        expect(dev, dev.workload("activity").podLabels(), "mongodb", true, "activity reaches MongoDB", wrong);
        expect(dev, dev.workload("activity").podLabels(), "postgresql", false, "activity reaches PostgreSQL", wrong);
        expect(dev, dev.workload("lra-coordinator").podLabels(), "postgresql", false, "the coordinator reaches PostgreSQL", wrong);
        assertEquals(List.of(), wrong);
    }

    private static void expect(Rendered rendered, Map<String, String> from, String to, boolean allowed, String what,
            List<String> wrong) {
        Rendered.Workload target = rendered.workload(to);
        String port = target.podSpec().path("containers").get(0).path("ports").get(0).path("name").asText();
        if (admits(rendered, from, target.podLabels(), port) != allowed) {
            wrong.add(rendered + ": " + what + " should be " + (allowed ? "allowed" : "denied"));
        }
    }

    static boolean admits(Rendered rendered, Map<String, String> from, Map<String, String> to, String port) {
        boolean isolated = false;
        for (ObjectNode policy : rendered.ofKind("NetworkPolicy")) {
            JsonNode spec = policy.path("spec");
            boolean ingress = !spec.has("policyTypes") || spec.path("policyTypes").toString().contains("\"Ingress\"");
            if (!ingress || !selects(spec.path("podSelector"), to)) {
                continue;
            }
            isolated = true;
            for (JsonNode rule : spec.path("ingress")) {
                if (peerMatches(rule, from) && portMatches(rule, port)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static boolean peerMatches(JsonNode rule, Map<String, String> from) {
        if (!rule.has("from")) {
            return true;
        }
        for (JsonNode peer : rule.path("from")) {
            // a namespaceSelector peer admits other namespaces only; ipBlock is not about pods
            if (peer.has("podSelector") && !peer.has("namespaceSelector") && selects(peer.path("podSelector"), from)) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode rule, String port) {
        if (!rule.has("ports")) {
            return true;
        }
        for (JsonNode p : rule.path("ports")) {
            if (p.path("port").asText().equals(port)) {
                return true;
            }
        }
        return false;
    }

    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Map.Entry<String, String> label : Rendered.strings(selector.path("matchLabels")).entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean matches = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator in " + expression);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
