package io.lrasaga.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The objects one kustomization renders to, with the lookups the tests need. */
record Rendered(String name, String yaml, List<ObjectNode> objects) {

    /** A Deployment or StatefulSet. */
    record Workload(ObjectNode object) {

        String kind() {
            return object.path("kind").asText();
        }

        String name() {
            return object.path("metadata").path("name").asText();
        }

        int replicas() {
            return object.path("spec").path("replicas").asInt(1);
        }

        JsonNode podSpec() {
            return object.path("spec").path("template").path("spec");
        }

        Map<String, String> podLabels() {
            return strings(object.path("spec").path("template").path("metadata").path("labels"));
        }

        @Override
        public String toString() {
            return kind() + " " + name();
        }
    }

    /** A container running one of our apps (image lra-saga/&lt;app&gt;, whatever the registry). */
    record AppContainer(Workload workload, JsonNode container, String app) {

        List<JsonNode> env() {
            List<JsonNode> env = new ArrayList<>();
            container.path("env").forEach(env::add);
            return env;
        }

        @Override
        public String toString() {
            return workload + " container " + container.path("name").asText() + " (" + app + ")";
        }
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (ObjectNode object : objects) {
            String kind = object.path("kind").asText();
            if (kind.equals("Deployment") || kind.equals("StatefulSet")) {
                workloads.add(new Workload(object));
            }
        }
        return workloads;
    }

    Workload workload(String name) {
        return workloads().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(this.name + " renders no workload " + name));
    }

    List<AppContainer> appContainers() {
        List<AppContainer> found = new ArrayList<>();
        for (Workload workload : workloads()) {
            for (JsonNode container : workload.podSpec().path("containers")) {
                appOf(container.path("image").asText()).ifPresent(app -> found.add(new AppContainer(workload, container, app)));
            }
        }
        return found;
    }

    /** "registry.example.com/lra-saga/orders:0.1.0" -> "orders". */
    static Optional<String> appOf(String image) {
        String withoutTag = image.replaceFirst("[:@][^/]*$", "");
        int slash = withoutTag.lastIndexOf('/');
        if (slash < 0 || !withoutTag.substring(0, slash).endsWith("lra-saga")) {
            return Optional.empty();
        }
        return Optional.of(withoutTag.substring(slash + 1));
    }

    /** The data keys of a rendered ConfigMap (or Secret's data/stringData). */
    Optional<Map<String, String>> data(String kind, String name) {
        return find(kind, name).map(object -> {
            Map<String, String> data = new LinkedHashMap<>(strings(object.path("data")));
            data.putAll(strings(object.path("stringData")));
            return data;
        });
    }

    static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }

    @Override
    public String toString() {
        return name;
    }
}
