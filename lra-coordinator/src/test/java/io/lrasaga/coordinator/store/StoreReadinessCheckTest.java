package io.lrasaga.coordinator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreReadinessCheckTest {

    @TempDir
    Path tmp;

    @Test
    void aWritableDirectoryIsUp() {
        assertEquals(HealthCheckResponse.Status.UP, StoreReadinessCheck.probe(tmp).build().getStatus());
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "the probe cleans up after itself");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStoreThatIsNotADirectoryIsDown() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertEquals(HealthCheckResponse.Status.DOWN, StoreReadinessCheck.probe(file).build().getStatus());
        assertEquals(HealthCheckResponse.Status.DOWN,
                StoreReadinessCheck.probe(tmp.resolve("missing")).build().getStatus());
    }
}
