package io.lrasaga.coordinator.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lrasaga.coordinator.store.CoordinatorStoreConfig;
import io.lrasaga.coordinator.tracking.LraEnded;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The durable history of ended LRAs: one JSON line per end, appended and forced to disk, in a
 * file per UTC day ({@code history-2025-06-01.jsonl}), so retention deletes whole files. An
 * index of the newest entries lives in memory (rebuilt from the files at start, reading them in
 * fixed memory) and points at the lines holding the full records; older entries are found in
 * the files. Outcome counts per minute serve the dashboard for the whole retention. Memory
 * stays bounded however many LRAs end (an index of every entry kept for 7 days filled the
 * coordinator's heap within hours at 40 LRAs a second). A later end of the same LRA (a failed
 * one retried) supersedes the earlier one.
 */
// Loaded at start, not on first use: the index is rebuilt from the files before any request.
@Startup
@ApplicationScoped
public class HistoryStore {

    private static final Logger LOG = Logger.getLogger(HistoryStore.class);
    private static final String PREFIX = "history-";
    private static final String SUFFIX = ".jsonl";

    @Inject
    HistoryConfig config;

    @Inject
    CoordinatorStoreConfig storeConfig;

    @Inject
    ObjectMapper json;

    private Path dir;
    // the newest entries by uid, in the order of recording
    private Map<String, HistoryEntry> index;
    private final OutcomeCounts counts = new OutcomeCounts();
    private FileChannel open;
    private LocalDate openDay;
    private Path openSegment;

    @PostConstruct
    synchronized void load() {
        int capacity = Math.max(1, config.inMemoryEntries());
        index = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, HistoryEntry> eldest) {
                return size() > capacity;
            }
        };
        dir = config.dir().map(Path::of).orElseGet(() -> Path.of(storeConfig.dataDir()).resolve("history"))
                .toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            for (Path segment : segments(Comparator.naturalOrder())) {
                loadSegment(segment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the LRA history in " + dir, e);
        }
        expire();
        LOG.infof("LRA history in %s, kept for %s: the newest %d of it in memory", dir, config.retention(),
                index.size());
    }

    private void loadSegment(Path segment) throws IOException {
        HistoryLines.forEach(segment, (bytes, from, length, offset) -> parse(bytes, from, length, segment, offset)
                .ifPresent(ended -> put(ended, segment, offset, length)));
    }

    /** The end a history line records; empty (and a warning) for a damaged line. */
    private Optional<LraEnded> parse(byte[] bytes, int from, int length, Path segment, long offset) {
        try {
            return Optional.of(json.readValue(bytes, from, length, LraEnded.class));
        } catch (IOException damaged) {
            LOG.warnf("skipping a damaged history line in %s at byte %d", segment, offset);
            return Optional.empty();
        }
    }

    /** Records an ended LRA durably before returning. */
    synchronized void record(@Observes LraEnded ended) {
        try {
            byte[] line = (json.writeValueAsString(ended) + "\n").getBytes(StandardCharsets.UTF_8);
            FileChannel channel = channelForToday();
            long offset = channel.size();
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
            put(ended, openSegment, offset, line.length - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the end of LRA " + ended.uid() + " in " + dir, e);
        }
    }

    private void put(LraEnded ended, Path segment, long offset, int length) {
        HistoryEntry superseded = index.remove(ended.uid());
        if (superseded != null) {
            counts.remove(superseded.endTime(), superseded.status());
        }
        index.put(ended.uid(), new HistoryEntry(ended.uid(), ended.lraId(), ended.clientId(), ended.status(),
                ended.topLevel(), ended.startTime(), ended.endTime(),
                ended.participants() == null ? 0 : ended.participants().size(), segment, offset, length));
        counts.add(ended.endTime(), ended.status());
    }

    private FileChannel channelForToday() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (open == null || !today.equals(openDay)) {
            closeChannel();
            Path segment = segmentOf(today);
            boolean created = Files.notExists(segment);
            open = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            openDay = today;
            openSegment = segment;
            if (created) {
                syncDirectory();
            }
        }
        return open;
    }

    // A new file's directory entry must be durable too, or a crash can lose the whole file.
    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            LOG.debugf("cannot sync directory %s: %s", dir, notSupported);
        }
    }

    private Path segmentOf(LocalDate day) {
        return dir.resolve(PREFIX + day + SUFFIX);
    }

    /**
     * The recorded outcome of an LRA among the newest ended ones (those in memory): a quick check
     * that a lookup of an unknown id cannot turn into reading the whole history.
     */
    public synchronized Optional<String> outcome(String uid) {
        return Optional.ofNullable(index.get(uid)).map(HistoryEntry::status);
    }

    /** How many LRAs ended with each outcome from the minute of {@code from} on. */
    public synchronized Map<String, Integer> outcomesSince(Instant from) {
        return counts.since(from);
    }

    /** Among the newest ended LRAs (those in memory), newest first. */
    public synchronized List<HistoryEntry> find(Predicate<HistoryEntry> filter) {
        List<HistoryEntry> found = new ArrayList<>();
        for (HistoryEntry entry : index.values()) {
            if (filter.test(entry)) {
                found.add(entry);
            }
        }
        found.sort(Comparator.comparing(HistoryEntry::endTime, Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed());
        return found;
    }

    /** The full record of an ended LRA: from memory's pointer into the files, or found in the files. */
    public Optional<LraEnded> get(String uid) {
        HistoryEntry entry;
        List<Path> newestFirst;
        synchronized (this) {
            entry = index.get(uid);
            newestFirst = entry == null ? segments(Comparator.reverseOrder()) : List.of();
        }
        // Read outside the lock: ends go on being recorded meanwhile.
        return entry != null ? read(entry) : search(uid, newestFirst);
    }

    private List<Path> segments(Comparator<String> order) {
        List<Path> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            files.forEach(segments::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the LRA history in " + dir, e);
        }
        segments.sort(Comparator.comparing(Path::toString, order));
        return segments;
    }

    /** The last end of the LRA in the newest file that has one. */
    private Optional<LraEnded> search(String uid, List<Path> newestFirst) {
        byte[] needle = ("\"" + uid + "\"").getBytes(StandardCharsets.UTF_8);
        for (Path segment : newestFirst) {
            LraEnded[] last = new LraEnded[1];
            try {
                HistoryLines.forEach(segment, (bytes, from, length, offset) -> {
                    if (HistoryLines.contains(bytes, from, length, needle)) {
                        parse(bytes, from, length, segment, offset).filter(ended -> uid.equals(ended.uid()))
                                .ifPresent(ended -> last[0] = ended);
                    }
                });
            } catch (NoSuchFileException expired) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the history of LRA " + uid, e);
            }
            if (last[0] != null) {
                return Optional.of(last[0]);
            }
        }
        return Optional.empty();
    }

    /** Empty if its file expired since the lookup. */
    private Optional<LraEnded> read(HistoryEntry entry) {
        try (FileChannel channel = FileChannel.open(entry.segment(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(entry.length());
            while (buffer.hasRemaining() && channel.read(buffer, entry.offset() + buffer.position()) >= 0) {
                // read until the line is complete
            }
            return Optional.of(json.readValue(buffer.array(), LraEnded.class));
        } catch (NoSuchFileException expired) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history of LRA " + entry.uid(), e);
        }
    }

    /** Drops entries older than the retention, and the day files that hold only such entries. */
    @Scheduled(every = "1h", delayed = "1h")
    synchronized void expire() {
        Instant cutoff = Instant.now().minus(config.retention());
        index.values().removeIf(entry -> entry.endTime() != null && entry.endTime().isBefore(cutoff));
        counts.expire(cutoff);
        LocalDate lastExpiredDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC).minusDays(1);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path segment : files) {
                String name = segment.getFileName().toString();
                LocalDate day;
                try {
                    day = LocalDate.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
                } catch (RuntimeException notOurs) {
                    continue;
                }
                // a file of day D may hold ends up to the end of D (UTC)
                if (!day.isAfter(lastExpiredDay) && !day.equals(openDay)) {
                    Files.deleteIfExists(segment);
                    index.values().removeIf(entry -> entry.segment().equals(segment));
                }
            }
        } catch (IOException e) {
            LOG.warnf(e, "cannot expire LRA history in %s", dir);
        }
    }

    @PreDestroy
    synchronized void closeChannel() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // everything written was forced already
            }
            open = null;
        }
    }
}
