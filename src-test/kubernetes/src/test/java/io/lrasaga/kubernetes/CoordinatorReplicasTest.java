package io.lrasaga.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Several coordinators: each replica is addressed by its own DNS name (the host of every LRA id
 * it creates), has its own store and node id, is trusted by every service and administered on
 * its own; each service pod starts its LRAs at one of them, and pods spread over all of them.
 */
class CoordinatorReplicasTest {

    private static final String TRUSTED = "LRA_SAGA_PARTICIPANT_TRUSTED_COORDINATORS";

    static Stream<Path> kustomizations() {
        return Project.kustomizations().stream();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void servicesTrustExactlyTheCoordinatorReplicas(Path dir) {
        Rendered rendered = Kustomize.render(dir);
        assertEquals(replicaUrls(rendered), trustedList(rendered), "the " + TRUSTED + " list of " + dir);
        JsonNode headless = rendered.find("Service", "lra-coordinator").orElseThrow().path("spec");
        assertEquals("None", headless.path("clusterIP").asText());
        assertEquals("lra-coordinator", rendered.workload("lra-coordinator").object().path("spec").path("serviceName").asText());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void eachReplicaHasItsOwnNodeIdStoreAndAdminRoute(Path dir) {
        Rendered rendered = Kustomize.render(dir);
        Rendered.Workload coordinator = rendered.workload("lra-coordinator");
        JsonNode container = coordinator.podSpec().path("containers").get(0);
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(v -> env.put(v.path("name").asText(), v));
        assertEquals("metadata.name", env.get("POD_NAME").path("valueFrom").path("fieldRef").path("fieldPath").asText());
        assertEquals("$(POD_NAME)", env.get("LRA_SAGA_COORDINATOR_NODE_ID").path("value").asText());

        JsonNode spec = coordinator.object().path("spec");
        assertEquals("Retain", spec.path("persistentVolumeClaimRetentionPolicy").path("whenScaled").asText());
        assertEquals("Retain", spec.path("persistentVolumeClaimRetentionPolicy").path("whenDeleted").asText());
        String claim = spec.path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
        String mount = null;
        for (JsonNode volumeMount : container.path("volumeMounts")) {
            if (volumeMount.path("name").asText().equals(claim)) {
                mount = volumeMount.path("mountPath").asText();
            }
        }
        String dataDir = env.get("LRA_SAGA_COORDINATOR_DATA_DIR").path("value").asText();
        assertTrue(mount != null && dataDir.startsWith(mount + "/"), "data dir " + dataDir + " is not on the claim " + claim);

        List<String> hosts = new ArrayList<>();
        rendered.find("Ingress", "lra-coordinator-admin").orElseThrow().path("spec").path("rules")
                .forEach(rule -> rule.path("http").path("paths").forEach(path -> {
                    hosts.add(rule.path("host").asText() + " " + path.path("path").asText() + " -> "
                            + path.path("backend").path("service").path("name").asText());
                }));
        for (int i = 0; i < coordinator.replicas(); i++) {
            String pod = "lra-coordinator-" + i;
            JsonNode admin = rendered.find("Service", pod + "-admin").orElseThrow(() -> new AssertionError("no admin Service for " + pod));
            assertEquals(pod, admin.path("spec").path("selector").path("statefulset.kubernetes.io/pod-name").asText());
            for (String path : List.of("/admin", "/dashboard")) {
                assertTrue(hosts.contains(pod + ".admin.lra-saga.example " + path + " -> " + pod + "-admin"), hosts.toString());
            }
        }
        assertEquals(2 * coordinator.replicas(), hosts.size(), "the admin ingress publishes only /admin and /dashboard: " + hosts);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyServicePodPicksACoordinatorItTrusts(Path dir, @TempDir Path work) throws IOException {
        Rendered rendered = Kustomize.render(dir);
        List<String> coordinators = trustedList(rendered);
        for (Rendered.AppContainer c : rendered.appContainers()) {
            if (c.app().equals("lra-coordinator")) {
                continue;
            }
            JsonNode picker = initContainer(c.workload(), "pick-coordinator");
            Map<String, String> pickerEnv = new HashMap<>();
            picker.path("env").forEach(v -> pickerEnv.put(v.path("name").asText(), v.path("value").asText()));
            String output = pickerEnv.get("OUTPUT");
            String locations = c.env().stream().filter(v -> v.path("name").asText().equals("QUARKUS_CONFIG_LOCATIONS"))
                    .map(v -> v.path("value").asText()).findFirst().orElse("");
            assertEquals(output, locations, c + " does not read the file its picker writes");
            assertTrue(AppConfig.of(c.app()).keyOfEnv("QUARKUS_CONFIG_LOCATIONS").isPresent());

            Set<String> picked = new HashSet<>();
            for (int pod = 0; pod < 24; pod++) {
                String podName = c.workload().name() + "-7d9f8b6c5-" + Integer.toString(pod * 7919 + 12345, 36);
                Properties written = runPicker(rendered, podName, String.join(",", coordinators), work.resolve(podName + ".properties"));
                for (String key : written.stringPropertyNames()) {
                    if (!key.equals("config_ordinal")) {
                        assertTrue(AppConfig.of(c.app()).key(key).isPresent(), "the picker writes " + key + ", unknown to " + c.app());
                    }
                }
                assertTrue(Integer.parseInt(written.getProperty("config_ordinal")) > 250, "must override application.properties");
                String url = written.getProperty("quarkus.lra.coordinator-url");
                assertTrue(coordinators.contains(url), url + " is not a trusted coordinator");
                if (pod < 3) {
                    assertEquals(written, runPicker(rendered, podName, String.join(",", coordinators), work.resolve("again")),
                            "the pick depends on the pod name only");
                }
                picked.add(url);
            }
            assertEquals(Set.copyOf(coordinators), picked, "24 pods of " + c.workload() + " spread over every coordinator");
        }
    }

    private static Properties runPicker(Rendered rendered, String podName, String coordinators, Path output) {
        String script = rendered.ofKind("ConfigMap").stream().map(m -> m.path("data").path("pick-coordinator.sh"))
                .filter(JsonNode::isTextual).findFirst().orElseThrow().asText();
        Commands.Result result = Commands.run(output.getParent(), script, List.of("sh", "-s"),
                Map.of("POD_NAME", podName, "COORDINATORS", coordinators, "OUTPUT", output.toString()));
        assertEquals(0, result.exitCode(), result.stderr());
        Properties written = new Properties();
        try (var in = Files.newInputStream(output)) {
            written.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private static JsonNode initContainer(Rendered.Workload workload, String name) {
        for (JsonNode container : workload.podSpec().path("initContainers")) {
            if (container.path("name").asText().equals(name)) {
                return container;
            }
        }
        throw new AssertionError(workload + " has no init container " + name);
    }

    static List<String> replicaUrls(Rendered rendered) {
        Rendered.Workload coordinator = rendered.workload("lra-coordinator");
        int port = AppConfig.of("lra-coordinator").httpPort();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < coordinator.replicas(); i++) {
            urls.add("http://lra-coordinator-" + i + ".lra-coordinator:" + port + "/lra-coordinator");
        }
        return urls;
    }

    static List<String> trustedList(Rendered rendered) {
        return rendered.ofKind("ConfigMap").stream().map(m -> m.path("data").path(TRUSTED)).filter(JsonNode::isTextual)
                .map(JsonNode::asText).map(list -> List.of(list.split(","))).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap with " + TRUSTED));
    }
}
