package io.lrasaga.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The manifests match what the apps actually read: container ports are the apps'
 * {@code quarkus.http.port}, probes hit their health endpoints, every environment variable sets
 * a key the app knows, every referenced ConfigMap key exists, and every URL in the
 * configuration names a rendered Service and one of its ports.
 */
class AppWiringTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    static Stream<Path> kustomizations() {
        return Project.kustomizations().stream();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void containerAndServicePortsAreTheAppsHttpPort(Path dir) {
        Rendered rendered = Kustomize.render(dir);
        for (Rendered.AppContainer c : rendered.appContainers()) {
            int port = AppConfig.of(c.app()).httpPort();
            JsonNode http = namedPort(c.container(), "http");
            assertEquals(port, http.path("containerPort").asInt(), c + ": containerPort http != quarkus.http.port");
            List<ObjectNode> services = servicesSelecting(rendered, c.workload());
            assertFalse(services.isEmpty(), c + " has no Service");
            for (ObjectNode service : services) {
                for (JsonNode servicePort : service.path("spec").path("ports")) {
                    // the same number inside and outside: LRA ids and callback URLs carry it
                    assertEquals(port, servicePort.path("port").asInt(), "Service " + name(service) + " port");
                    String target = servicePort.path("targetPort").asText();
                    assertTrue(target.equals("http") || target.equals(String.valueOf(port)),
                            "Service " + name(service) + " targetPort " + target);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void probesUseTheAppsHealthEndpoints(Path dir) {
        for (Rendered.AppContainer c : Kustomize.render(dir).appContainers()) {
            AppConfig app = AppConfig.of(c.app());
            assertTrue(app.packages("io.quarkus.quarkus-smallrye-health-"), c.app() + " packages no smallrye-health");
            assertProbe(c, "livenessProbe", app.healthPath("live"));
            assertProbe(c, "readinessProbe", app.healthPath("ready"));
            if (c.container().has("startupProbe")) {
                assertProbe(c, "startupProbe", app.healthPath("live"));
            }
            JsonNode resources = c.container().path("resources");
            for (String field : List.of("requests", "limits")) {
                assertTrue(resources.path(field).has("cpu") && resources.path(field).has("memory"), c + " resources." + field);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyEnvironmentVariableSetsAKeyTheAppReads(Path dir) {
        Rendered rendered = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (Rendered.AppContainer c : rendered.appContainers()) {
            AppConfig app = AppConfig.of(c.app());
            Map<String, JsonNode> env = new LinkedHashMap<>();
            for (JsonNode source : c.container().path("envFrom")) {
                if (source.has("secretRef")) {
                    problems.add(c + ": envFrom a Secret hides its variable names; use env with secretKeyRef");
                    continue;
                }
                String map = source.path("configMapRef").path("name").asText();
                rendered.data("ConfigMap", map).ifPresentOrElse(
                        data -> data.keySet().forEach(key -> env.put(key, null)),
                        () -> problems.add(c + ": envFrom ConfigMap " + map + " is not rendered"));
            }
            List<JsonNode> declared = c.env();
            Set<String> defined = new HashSet<>(env.keySet());
            Set<String> referenced = new HashSet<>();
            for (JsonNode variable : declared) {
                String name = variable.path("name").asText();
                Matcher references = REFERENCE.matcher(variable.path("value").asText());
                while (references.find()) {
                    referenced.add(references.group(1));
                    if (!defined.contains(references.group(1))) {
                        problems.add(c + ": " + name + " refers to $(" + references.group(1)
                                + "), which is not defined before it (Kubernetes would leave it unexpanded)");
                    }
                }
                defined.add(name);
                env.put(name, variable);
            }
            for (String name : env.keySet()) {
                if (app.keyOfEnv(name).isEmpty() && !referenced.contains(name)) {
                    problems.add(c + ": " + name + " sets no configuration key " + c.app()
                            + " reads (application.properties, @ConfigMapping, AppConfig.LIBRARY_KEYS)");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void referencedConfigMapKeysExist(Path dir) {
        Rendered rendered = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (Rendered.Workload workload : rendered.workloads()) {
            for (JsonNode ref : workload.object().findValues("configMapKeyRef")) {
                String map = ref.path("name").asText();
                String key = ref.path("key").asText();
                if (!rendered.data("ConfigMap", map).map(d -> d.containsKey(key)).orElse(false)) {
                    problems.add(workload + ": ConfigMap " + map + " has no key " + key);
                }
            }
            for (JsonNode volume : workload.podSpec().path("volumes")) {
                String map = volume.path("configMap").path("name").asText(null);
                if (map != null && rendered.find("ConfigMap", map).isEmpty()) {
                    problems.add(workload + ": volume ConfigMap " + map + " is not rendered");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** dev is self-contained: every Secret a pod needs is generated, with the keys it reads. */
    @Test
    void devRendersEverySecretItsPodsRead() {
        Rendered dev = Kustomize.render(Project.overlay("dev"));
        List<String> problems = new ArrayList<>();
        for (Rendered.Workload workload : dev.workloads()) {
            for (JsonNode ref : workload.object().findValues("secretKeyRef")) {
                String secret = ref.path("name").asText();
                String key = ref.path("key").asText();
                if (!dev.data("Secret", secret).map(d -> d.containsKey(key)).orElse(false)) {
                    problems.add(workload + ": Secret " + secret + " has no key " + key);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** prod reads Secrets the operator creates: docs/kubernetes.md must name each with its keys. */
    @Test
    void docsNameEverySecretProdReads() throws IOException {
        Rendered prod = Kustomize.render(Project.overlay("prod"));
        String docs = Files.readString(Project.root().resolve("docs/kubernetes.md"));
        for (Rendered.Workload workload : prod.workloads()) {
            for (JsonNode ref : workload.object().findValues("secretKeyRef")) {
                String secret = ref.path("name").asText();
                assertTrue(prod.find("Secret", secret).isEmpty(), "prod must not carry Secret " + secret);
                assertTrue(docs.contains("secret generic " + secret) && docs.contains(ref.path("key").asText() + "="),
                        "docs/kubernetes.md shows no 'kubectl create secret generic " + secret + "' with --from-literal="
                                + ref.path("key").asText() + "=...");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void urlsInTheConfigurationNameRenderedServicesAndPorts(Path dir) {
        Rendered rendered = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (ObjectNode map : rendered.ofKind("ConfigMap")) {
            for (Map.Entry<String, String> entry : Rendered.strings(map.path("data")).entrySet()) {
                if (entry.getKey().endsWith(".sh")) {
                    continue;
                }
                for (String value : entry.getValue().split(",")) {
                    if (value.trim().startsWith("http://")) {
                        checkUrl(rendered, URI.create(value.trim()), "ConfigMap " + name(map) + " " + entry.getKey(), problems);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * http://name:port or http://pod.headless-service:port: the Service exists, has the port, and
     * a pod name is one of the StatefulSet's ordinals.
     */
    static void checkUrl(Rendered rendered, URI url, String where, List<String> problems) {
        String[] labels = url.getHost().split("\\.");
        String serviceName = labels.length > 1 ? labels[1] : labels[0];
        var service = rendered.find("Service", serviceName);
        if (service.isEmpty()) {
            problems.add(where + ": " + url + " names no rendered Service " + serviceName);
            return;
        }
        boolean hasPort = false;
        for (JsonNode port : service.get().path("spec").path("ports")) {
            hasPort |= port.path("port").asInt() == url.getPort();
        }
        if (!hasPort) {
            problems.add(where + ": Service " + serviceName + " has no port " + url.getPort());
        }
        if (labels.length > 1) {
            Rendered.Workload set = rendered.workload(serviceName);
            Matcher ordinal = Pattern.compile(Pattern.quote(set.name()) + "-(\\d+)").matcher(labels[0]);
            if (!ordinal.matches() || Integer.parseInt(ordinal.group(1)) >= set.replicas()) {
                problems.add(where + ": " + url + " names no pod of " + set + " (" + set.replicas() + " replicas)");
            }
        }
    }

    private static void assertProbe(Rendered.AppContainer c, String probe, String path) {
        JsonNode get = c.container().path(probe).path("httpGet");
        if (get.isMissingNode()) {
            fail(c + " has no " + probe + ".httpGet");
        }
        assertEquals(path, get.path("path").asText(), c + " " + probe + " path");
        String port = get.path("port").asText();
        assertTrue(port.equals("http") || port.equals(String.valueOf(AppConfig.of(c.app()).httpPort())),
                c + " " + probe + " port " + port);
    }

    private static JsonNode namedPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port;
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no port named " + name);
    }

    static List<ObjectNode> servicesSelecting(Rendered rendered, Rendered.Workload workload) {
        Map<String, String> labels = workload.podLabels();
        return rendered.ofKind("Service").stream().filter(service -> {
            Map<String, String> selector = Rendered.strings(service.path("spec").path("selector"));
            return !selector.isEmpty() && selector.entrySet().stream()
                    .allMatch(e -> e.getKey().equals("statefulset.kubernetes.io/pod-name")
                            || e.getValue().equals(labels.get(e.getKey())));
        }).toList();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
