package io.lrasaga.coordinator.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a history file line by line in fixed memory, whatever its size (a busy coordinator
 * writes hundreds of megabytes a day). Bytes after the last newline are a write cut short by a
 * crash and are not a line.
 */
final class HistoryLines {

    interface LineConsumer {
        /** {@code bytes[from, from + length)} is the line, starting at byte {@code offset} of the file. */
        void accept(byte[] bytes, int from, int length, long offset) throws IOException;
    }

    private HistoryLines() {
    }

    static void forEach(Path file, LineConsumer consumer) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            byte[] partial = new byte[1024];
            int partialLength = 0;
            long partialOffset = 0;
            long chunkOffset = 0;
            int read;
            while ((read = in.read(chunk)) > 0) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    if (partialLength > 0) {
                        partial = append(partial, partialLength, chunk, start, i - start);
                        consumer.accept(partial, 0, partialLength + i - start, partialOffset);
                        partialLength = 0;
                    } else {
                        consumer.accept(chunk, start, i - start, chunkOffset + start);
                    }
                    start = i + 1;
                }
                if (start < read) {
                    if (partialLength == 0) {
                        partialOffset = chunkOffset + start;
                    }
                    partial = append(partial, partialLength, chunk, start, read - start);
                    partialLength += read - start;
                }
                chunkOffset += read;
            }
        }
    }

    private static byte[] append(byte[] partial, int partialLength, byte[] chunk, int from, int length) {
        byte[] target = partial.length >= partialLength + length ? partial
                : Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + length));
        System.arraycopy(chunk, from, target, partialLength, length);
        return target;
    }

    /** Whether {@code needle} occurs in {@code bytes[from, from + length)}. */
    static boolean contains(byte[] bytes, int from, int length, byte[] needle) {
        int last = from + length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
