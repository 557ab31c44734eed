package io.lrasaga.transactions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.lrasaga.coordinator.store.CoordinatorStoreConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Durable results of transactions ({@code results/<id>.json}) and their idempotency keys
 * ({@code keys/<sha-256 of the key>.json}: the request's fingerprint and the transaction id),
 * under the coordinator's data directory. Each file is written whole to a temporary file,
 * forced to disk and moved into place, so a crash leaves the old state or the new one.
 *
 * <p>A key is bound to its transaction as soon as the LRA exists, before any step runs: a
 * repeat after a crash of this process answers that transaction's outcome instead of running
 * it a second time.
 */
@Singleton
public class TransactionStore {

    private static final Logger LOG = Logger.getLogger(TransactionStore.class);

    public enum Outcome {
        /** A new key: run the transaction. */
        CLAIMED,
        /** The same request ran already: answer its result. */
        REPLAY,
        /** The same key is running right now. */
        IN_PROGRESS,
        /** The key was used for a different request. */
        MISMATCH
    }

    /** @param id the transaction a replayed key belongs to */
    public record Claim(Outcome outcome, String id) {
    }

    record KeyRecord(String fingerprint, String id) {
    }

    @Inject
    TransactionsConfig config;

    @Inject
    CoordinatorStoreConfig storeConfig;

    @Inject
    ObjectMapper json;

    private Path results;
    private Path keys;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void open() {
        Path dir = config.dir().map(Path::of).orElse(Path.of(storeConfig.dataDir()).resolve("transactions"))
                .toAbsolutePath().normalize();
        results = dir.resolve("results");
        keys = dir.resolve("keys");
        try {
            Files.createDirectories(results);
            Files.createDirectories(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    public synchronized Claim claim(String key, String fingerprint) {
        String name = hash(key);
        Optional<KeyRecord> known = read(keys.resolve(name + ".json"), KeyRecord.class);
        if (known.isPresent() && !known.get().fingerprint().equals(fingerprint)) {
            return new Claim(Outcome.MISMATCH, null);
        }
        if (!running.add(name)) {
            return new Claim(Outcome.IN_PROGRESS, null);
        }
        if (known.isPresent()) {
            running.remove(name);
            return new Claim(Outcome.REPLAY, known.get().id());
        }
        return new Claim(Outcome.CLAIMED, null);
    }

    /** The claimed key now belongs to this transaction, durably. */
    public void bind(String key, String fingerprint, String id) {
        write(keys.resolve(hash(key) + ".json"), new KeyRecord(fingerprint, id));
    }

    /** The claimed key is no longer being run in this process (bound or not). */
    public void release(String key) {
        running.remove(hash(key));
    }

    public void save(TransactionResult result) {
        write(results.resolve(result.id() + ".json"), result);
    }

    public Optional<TransactionResult> find(String id) {
        if (!id.matches("[0-9A-Za-z_:\\-]{1,120}")) {
            return Optional.empty();
        }
        return read(results.resolve(id + ".json"), TransactionResult.class);
    }

    /** Results and keys older than the retention go; a key with them, so it may be used again. */
    @Scheduled(every = "1h", delayed = "1m")
    void prune() {
        Instant before = Instant.now().minus(config.retention());
        for (Path dir : new Path[] { results, keys }) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path file : files) {
                    FileTime modified = Files.getLastModifiedTime(file);
                    if (modified.toInstant().isBefore(before)) {
                        Files.deleteIfExists(file);
                    }
                }
            } catch (IOException e) {
                LOG.warnf("cannot prune %s: %s", dir, e.getMessage());
            }
        }
    }

    static String fingerprint(String body) {
        return hash(body);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(Path file, Object value) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] bytes = json.writeValueAsBytes(value);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
