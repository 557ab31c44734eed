package io.lrasaga.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.lrasaga.launcher.AppProcess;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.JsonHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An LRA that is Closing cannot be cancelled, nor a Cancelling one closed (412), also when a
 * participant is unreachable and the LRA waits for recovery. Narayana 1.0.0 let such a cancel
 * through: found by the chaos runner (seed 29), where it split a saga — participants that had
 * completed kept their work while the others compensated.
 */
class OppositeEndIT {

    private final JsonHttp http = new JsonHttp();
    private AppProcess coordinator;
    private String base;
    // A participant nobody listens on: every callback fails and the LRA stays Closing/Cancelling.
    private final String participant = "http://127.0.0.1:" + FreePort.find() + "/participant";

    @BeforeEach
    void start() throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "opposite-end-it-");
        int port = FreePort.find();
        coordinator = PackagedCoordinator.start("opposite-end-it", dataDir, port,
                Map.of("lra-saga.coordinator.recovery-period", "1h"));
        base = coordinator.baseUrl() + "/lra-coordinator";
    }

    @AfterEach
    void stop() throws InterruptedException {
        coordinator.kill();
    }

    private String lraWithUnreachableParticipant() {
        String lra = http.post(base + "/start?ClientID=opposite-end-it", "").body().asText();
        String links = "<" + participant + "/compensate>; rel=\"compensate\", <" + participant
                + "/complete>; rel=\"complete\", <" + participant + "/status>; rel=\"status\"";
        assertEquals(200, http.put(lra + "?TimeLimit=0", Map.of("Link", links)).status(), "join");
        return lra;
    }

    private String status(String lra) {
        return http.get(lra + "/status").body().asText();
    }

    @ParameterizedTest(name = "{0}, then {2}: 412")
    @CsvSource({ "close, Closing, cancel", "cancel, Cancelling, close" })
    void anEndingLraCannotBeEndedTheOtherWay(String end, String ending, String opposite) {
        String lra = lraWithUnreachableParticipant();
        http.put(lra + "/" + end, Map.of());
        assertEquals(ending, status(lra));

        assertEquals(412, http.put(lra + "/" + opposite, Map.of()).status());
        assertEquals(ending, status(lra));
    }
}
