package io.lrasaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JFR for {@code --profile}: every app JVM records from its start ({@link #JVM_OPTIONS}), so
 * the JIT compiles the measured code under JFR from the beginning — attaching a recording to a
 * running JVM retransforms classes and sets compilation back — and the window of one level is
 * dumped afterwards with {@code jcmd JFR.dump begin= end=}, one {@code .jfr} file per JVM (read
 * with {@code jfr print --stack-depth 200 --events jdk.ExecutionSample}; the default depth of 5
 * frames hides the callers).
 */
final class JfrRecordings {

    private static final String NAME = "lra-saga-bench";

    /** Added to every app JVM's options when profiling. */
    static final String JVM_OPTIONS = "-XX:StartFlightRecording=name=" + NAME + ",settings=profile,maxage=30m"
            + " -XX:FlightRecorderOptions=stackdepth=256";

    private JfrRecordings() {
    }

    /**
     * Starts a new chunk of every JVM's recording now: a dump cuts the running chunk, and
     * {@link #dump} can only leave out whole chunks before {@code begin}.
     */
    static void cut(Map<String, Long> jvms, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Long> jvm : jvms.entrySet()) {
            Path file = dir.resolve(jvm.getKey() + "-cut.jfr").toAbsolutePath();
            jcmd(jvm.getValue(), "JFR.dump", "name=" + NAME, "filename=" + file);
            Files.deleteIfExists(file);
        }
    }

    /** The recordings of [{@code begin}, {@code end}] of every JVM, as files in {@code dir}. */
    static void dump(Map<String, Long> jvms, Path dir, String label, LocalDateTime begin, LocalDateTime end)
            throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Long> jvm : jvms.entrySet()) {
            Path file = dir.resolve(jvm.getKey() + "-" + label + ".jfr").toAbsolutePath();
            jcmd(jvm.getValue(), "JFR.dump", "name=" + NAME, "filename=" + file,
                    "begin=" + begin.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                    "end=" + end.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        }
    }

    private static void jcmd(long pid, String... command) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            String out = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jcmd.destroyForcibly();
            throw new IOException("interrupted while running jcmd", e);
        }
    }
}
