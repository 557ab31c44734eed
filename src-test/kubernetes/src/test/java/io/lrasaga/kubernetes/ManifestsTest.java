package io.lrasaga.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kustomization renders offline, and every object it renders is valid Kubernetes. */
class ManifestsTest {

    static Stream<Path> kustomizations() {
        return Project.kustomizations().stream();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersEveryApp(Path dir) {
        Rendered rendered = Kustomize.render(dir);
        Set<String> apps = new TreeSet<>();
        rendered.appContainers().forEach(c -> apps.add(c.app()));
        assertEquals(Set.of("lra-coordinator", "orders", "inventory", "payments", "activity"), apps, dir.toString());
        assertEquals("StatefulSet", rendered.workload("lra-coordinator").kind());
        for (String service : List.of("orders", "inventory", "payments", "activity")) {
            assertEquals("Deployment", rendered.workload(service).kind());
            assertTrue(rendered.find("PodDisruptionBudget", service).isPresent(), service + " has a PodDisruptionBudget");
        }
        assertTrue(rendered.find("PodDisruptionBudget", "lra-coordinator").isPresent());
        assertFalse(rendered.ofKind("NetworkPolicy").isEmpty());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyObjectValidatesAgainstTheKubernetesSchemas(Path dir) {
        Rendered rendered = Kustomize.render(dir);
        Commands.Result result = SchemaValidator.validate(rendered.yaml());
        assertEquals(0, result.exitCode(), dir + ":\n" + result.stdout() + result.stderr());
        assertTrue(result.stdout().contains(rendered.objects().size() + " object(s), 0 invalid"), result.stdout());
    }

    @Test
    void validatorRefusesWhatKubernetesWould() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  selector:
                    matchLabels: {app: broken}
                  template:
                    metadata:
                      labels: {app: broken}
                    spec:
                      containers:
                        - name: app
                          image: lra-saga/orders
                          ports:
                            - containerPort: http
                """;
        Commands.Result wrongType = SchemaValidator.validate(deployment);
        assertNotEquals(0, wrongType.exitCode());
        assertTrue(wrongType.stdout().contains("containerPort must be integer"), wrongType.stdout());

        Commands.Result unknownKind = SchemaValidator.validate("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n");
        assertNotEquals(0, unknownKind.exitCode());
        assertTrue(unknownKind.stdout().contains("no Kubernetes schema"), unknownKind.stdout());

        Commands.Result missingField = SchemaValidator.validate(
                "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  ports:\n    - name: http\n");
        assertNotEquals(0, missingField.exitCode(), missingField.stdout());
    }
}
