package io.lrasaga.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.lrasaga.coordinator.tracking.LraEnded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history keeps every end for the retention in its files and only the newest in memory,
 * so that a coordinator ending LRAs for days does not fill its heap.
 */
class HistoryStoreTest {

    @TempDir
    Path dir;

    private final List<HistoryStore> opened = new ArrayList<>();
    private final Instant now = Instant.now();

    @AfterEach
    void close() {
        opened.forEach(HistoryStore::closeChannel);
    }

    private HistoryStore open(int inMemory) {
        HistoryStore store = new HistoryStore();
        store.config = new HistoryConfig() {
            @Override
            public Duration retention() {
                return Duration.ofDays(7);
            }

            @Override
            public int inMemoryEntries() {
                return inMemory;
            }

            @Override
            public Optional<String> dir() {
                return Optional.of(dir.toString());
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(2);
            }
        };
        store.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        store.load();
        opened.add(store);
        return store;
    }

    private LraEnded ended(String uid, String status, Instant end) {
        return new LraEnded(uid, URI.create("http://coordinator/lra-coordinator/" + uid), null, "client-" + uid, true,
                status, false, end.minusSeconds(1), end, List.of(), List.of());
    }

    /** One end recorded by a store that is then closed, and {@code text} written after it as a crash would leave it. */
    private void recordedThenAppended(LraEnded end, String text) throws IOException {
        HistoryStore before = open(1);
        before.record(end);
        before.closeChannel();
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<String> uids(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::uid).toList();
    }

    @Test
    void onlyTheNewestEndsStayInMemoryAndOlderOnesAreReadFromTheFiles() {
        HistoryStore history = open(3);
        for (int i = 1; i <= 5; i++) {
            history.record(ended("lra-" + i, i % 2 == 0 ? "Cancelled" : "Closed", now.plusSeconds(i)));
        }

        assertEquals(List.of("lra-5", "lra-4", "lra-3"), uids(history.find(entry -> true)));
        assertEquals(Optional.empty(), history.outcome("lra-1"), "an old outcome is not in memory");
        assertEquals("Closed", history.get("lra-1").orElseThrow().status(), "but its record is in the files");
        assertEquals("client-lra-2", history.get("lra-2").orElseThrow().clientId());
        assertEquals("Closed", history.get("lra-5").orElseThrow().status());
        assertTrue(history.get("lra-6").isEmpty());
        assertTrue(history.get("lra-").isEmpty(), "a prefix of an id is not the id");
    }

    @Test
    void aRestartKeepsTheNewestInMemoryAndCountsEveryEnd() {
        HistoryStore before = open(3);
        for (int i = 1; i <= 5; i++) {
            before.record(ended("lra-" + i, i % 2 == 0 ? "Cancelled" : "Closed", now.plusSeconds(60L * i)));
        }
        before.closeChannel();

        HistoryStore after = open(3);

        assertEquals(List.of("lra-5", "lra-4", "lra-3"), uids(after.find(entry -> true)));
        assertEquals(Map.of("Closed", 3, "Cancelled", 2), after.outcomesSince(now));
        assertEquals(Map.of("Closed", 1, "Cancelled", 1), after.outcomesSince(now.plusSeconds(240)),
                "counted by the minute of the end");
        assertEquals("Cancelled", after.get("lra-2").orElseThrow().status());
    }

    @Test
    void aLaterEndOfTheSameLraSupersedesTheEarlierOne() {
        HistoryStore history = open(1);
        history.record(ended("lra-1", "FailedToClose", now));
        history.record(ended("lra-1", "Closed", now.plusSeconds(1)));
        history.record(ended("lra-2", "Cancelled", now.plusSeconds(2)));

        assertEquals(Map.of("Closed", 1, "Cancelled", 1), history.outcomesSince(now));
        assertEquals("Closed", history.get("lra-1").orElseThrow().status(), "the last line of it in the files");
        assertEquals("Closed", open(1).get("lra-1").orElseThrow().status());
    }

    @Test
    void aLineCutShortByACrashIsNotAnEnd() throws IOException {
        recordedThenAppended(ended("lra-1", "Closed", now), "{\"uid\":\"lra-2\",\"status\":\"Clo");

        HistoryStore after = open(10);

        assertEquals(List.of("lra-1"), uids(after.find(entry -> true)));
        assertTrue(after.get("lra-2").isEmpty());
    }

    @Test
    void aDamagedLineDoesNotHideTheOthersFromASearch() throws IOException {
        recordedThenAppended(ended("lra-1", "Cancelled", now), "{\"uid\":\"lra-1\",\"status\":[\n");
        HistoryStore after = open(1);
        after.record(ended("lra-2", "Closed", now.plusSeconds(1)));

        assertEquals("Cancelled", after.get("lra-1").orElseThrow().status(), "found in the files past the damage");
    }

    @Test
    void linesAreReadWholeWhateverTheirLengthAndWhereTheyFall() throws IOException {
        String longLine = "x".repeat(200_000);
        String content = "a\n" + longLine + "\n\nbb\n" + "y".repeat(65_530) + "\ncut";
        Path file = dir.resolve("lines.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();

        HistoryLines.forEach(file, (bytes, from, length, offset) -> {
            lines.add(new String(bytes, from, length, StandardCharsets.UTF_8));
            offsets.add(offset);
        });

        assertEquals(List.of("a", longLine, "", "bb", "y".repeat(65_530)), lines);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(lines.get(i), content.substring(offsets.get(i).intValue(),
                    offsets.get(i).intValue() + lines.get(i).length()));
        }
    }
}
