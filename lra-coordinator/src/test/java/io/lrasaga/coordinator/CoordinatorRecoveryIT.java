package io.lrasaga.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.lrasaga.launcher.AppProcess;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.JsonHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a crash, the packaged coordinator serves the LRAs it had logged as soon as it reports
 * ready (its own recovery pass at start), without anyone calling /recovery; the history of
 * ended LRAs survives the crash as well.
 */
class CoordinatorRecoveryIT {

    private static final String PASSWORD = "it-operator-secret";

    private final JsonHttp http = new JsonHttp();
    private final HttpClient admin = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private AppProcess coordinator;

    private AppProcess start(Path dataDir, int port) throws IOException, InterruptedException {
        return PackagedCoordinator.start("coordinator-recovery-it", dataDir, port,
                // far away: only the pass at start can have loaded the LRA
                Map.of("lra-saga.coordinator.recovery-period", "1h",
                        "lra-saga.coordinator.admin.operator-password", PASSWORD));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (coordinator != null) {
            coordinator.kill();
        }
    }

    private JsonNode adminGet(String path) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(("operator:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = admin.send(HttpRequest.newBuilder(URI.create(coordinator.baseUrl() + path))
                .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + " answered " + response.body());
        return JsonHttp.mapper().readTree(response.body());
    }

    @Test
    void storedLrasAreServedAsSoonAsTheRestartedCoordinatorIsReady() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "coordinator-recovery-it-");
        int port = FreePort.find();
        coordinator = start(dataDir, port);
        String base = coordinator.baseUrl() + "/lra-coordinator";

        URI running = URI.create(http.post(base + "/start?ClientID=recovery-it&TimeLimit=600000", "").body().asText());
        URI ended = URI.create(http.post(base + "/start?ClientID=recovery-it", "").body().asText());
        assertEquals(200, http.put(ended + "/close", Map.of()).status());
        String endedUid = ended.getPath().substring(ended.getPath().lastIndexOf('/') + 1);
        String runningUid = running.getPath().substring(running.getPath().lastIndexOf('/') + 1);

        coordinator.kill();
        coordinator = start(dataDir, port);

        // no call to /recovery: the first request after readiness already finds the LRA
        JsonHttp.Reply status = http.get(running + "/status");
        assertEquals(200, status.status(), "status of " + running + ": " + status.body());
        assertEquals("Active", status.body().asText());
        assertEquals("Active", adminGet("/admin/lras/" + runningUid).path("lra").path("status").asText());
        assertEquals("Closed", adminGet("/admin/history/" + endedUid).path("status").asText(),
                "the history of ended LRAs survives the crash");

        assertEquals(200, http.put(running + "/close", Map.of()).status());
        assertEquals("Closed", adminGet("/admin/history/" + runningUid).path("status").asText());
        String log = Files.readString(coordinator.logFile());
        assertTrue(log.contains("initial recovery pass done"), "the coordinator logs its pass at start");
    }
}
