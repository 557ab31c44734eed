package io.lrasaga.coordinator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.lrasaga.launcher.AppProcess;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.JsonHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An LRA no participant joined (its initiator died right after starting it), reloaded after a
 * coordinator crash and then ended — by its time limit or by a close — must be gone: not held
 * in memory, not listed, its log removed. Found by the chaos runner (seed 10: orders killed
 * mid-request, the coordinator killed before the time limit): Narayana 1.0.0 left the log of
 * such an LRA in the store, and every recovery pass loaded it again, so the coordinator and
 * its admin API kept listing a Cancelled LRA for ever.
 */
class EndedLogsIT {

    private static final String PASSWORD = "it-operator-secret";

    private final JsonHttp http = new JsonHttp();
    private AppProcess coordinator;

    private AppProcess start(Path dataDir, int port) throws IOException, InterruptedException {
        return PackagedCoordinator.start("ended-logs-it", dataDir, port,
                Map.of("lra-saga.coordinator.recovery-period", "1s",
                        "lra-saga.coordinator.admin.operator-password", PASSWORD));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (coordinator != null) {
            coordinator.kill();
        }
    }

    @Test
    void anLraWithoutParticipantsReloadedAfterACrashIsGoneOnceItEnds() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ended-logs-it-");
        int port = FreePort.find();
        coordinator = start(dataDir, port);
        String base = coordinator.baseUrl() + "/lra-coordinator";
        // expires after the restart (which takes 10 to 20 s here), so the reloaded LRA times out
        String timedOut = uid(http.post(base + "/start?ClientID=ended-logs-it&TimeLimit=30000", "").body().asText());
        URI closed = URI.create(http.post(base + "/start?ClientID=ended-logs-it&TimeLimit=600000", "").body().asText());

        coordinator.kill();
        coordinator = start(dataDir, port);
        assertEquals(200, http.put(closed + "/close", Map.of()).status());

        Map<String, String> expected = Map.of(timedOut, "Cancelled", uid(closed.toString()), "Closed");
        expected.forEach((uid, status) -> await("LRA " + uid + " ended and forgotten").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertEquals(
                        "history " + status + ", listed [], served false, logged false", state(dataDir, uid))));
    }

    /** What the coordinator still knows of an LRA: its history entry, the admin list, the protocol list, the store. */
    private String state(Path dataDir, String uid) throws IOException {
        List<String> listed = new ArrayList<>();
        for (JsonNode lra : admin("/admin/lras?size=100").path("items")) {
            if (lra.path("uid").asText().equals(uid)) {
                listed.add(lra.path("status").asText());
            }
        }
        boolean served = false;
        for (JsonNode lra : http.get(coordinator.baseUrl() + "/lra-coordinator").body()) {
            served |= lra.path("lraId").asText().endsWith(uid);
        }
        boolean logged;
        try (Stream<Path> files = Files.walk(dataDir.resolve("store"))) {
            logged = files.anyMatch(file -> file.getFileName().toString().equals(uid));
        }
        return "history " + admin("/admin/history/" + uid).path("status").asText("none") + ", listed " + listed
                + ", served " + served + ", logged " + logged;
    }

    private static String uid(String lraId) {
        return lraId.substring(lraId.lastIndexOf('/') + 1);
    }

    private JsonNode admin(String path) {
        String credentials = Base64.getEncoder().encodeToString(("operator:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        JsonHttp.Reply reply = http.get(coordinator.baseUrl() + path, Map.of("Authorization", "Basic " + credentials));
        return reply.status() == 200 ? reply.body() : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
