package io.lrasaga.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** {@code kubectl kustomize} of a directory, parsed; each directory rendered once per test run. */
final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<Path, Rendered> CACHE = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    static Rendered render(Path dir) {
        return CACHE.computeIfAbsent(dir.toAbsolutePath().normalize(), Kustomize::renderNow);
    }

    private static Rendered renderNow(Path dir) {
        Commands.Result result = Commands.run(dir, null, List.of("kubectl", "kustomize", "."));
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + result.stderr());
        }
        return new Rendered(dir.getFileName().toString(), result.stdout(), parse(result.stdout()));
    }

    static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }
}
