package io.lrasaga.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import io.lrasaga.launcher.AppProcess;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.JsonHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged coordinator keeps its log where it is told to, and an LRA it accepted is
 * still there after the process is killed and started again.
 */
class CoordinatorStoreIT {

    private final JsonHttp http = new JsonHttp();
    private AppProcess coordinator;

    private AppProcess start(Path dataDir, int port) throws IOException, InterruptedException {
        return PackagedCoordinator.start("coordinator-it", dataDir, port, Map.of());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (coordinator != null) {
            coordinator.kill();
        }
    }

    @Test
    void anAcceptedLraSurvivesAKillInTheConfiguredDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "coordinator-it-");
        int port = FreePort.find();
        coordinator = start(dataDir, port);
        String base = coordinator.baseUrl() + "/lra-coordinator";

        JsonHttp.Reply started = http.post(base + "/start?ClientID=store-it&TimeLimit=600000", "");
        assertEquals(201, started.status());
        URI lra = URI.create(started.body().asText());

        try (Stream<Path> files = Files.walk(dataDir.resolve("store"))) {
            assertTrue(files.anyMatch(file -> file.toString().contains("LongRunningAction")),
                    "the LRA is logged under the configured data directory");
        }
        assertTrue(Files.notExists(dataDir.resolve("work/ObjectStore")), "nothing is logged in the working directory");

        coordinator.kill();
        coordinator = start(dataDir, port);
        http.get(base + "/recovery");

        assertEquals("Active", http.get(lra + "/status").body().asText());
        JsonHttp.Reply closed = http.put(lra + "/close", Map.of());
        assertEquals(200, closed.status());
    }
}
