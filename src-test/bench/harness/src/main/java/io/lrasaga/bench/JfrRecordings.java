package io.lrasaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JFR recordings (the {@code profile} settings) of running app JVMs, started and stopped with
 * {@code jcmd}, so profiling needs neither a restart nor other JVM flags than the measured run.
 * Stopping writes one {@code .jfr} file per JVM ({@code jfr print --events jdk.ExecutionSample}
 * or JDK Mission Control read them).
 */
final class JfrRecordings implements AutoCloseable {

    private static final String NAME = "lra-saga-bench";

    private final Map<String, Long> jvms;
    private final List<Path> files = new ArrayList<>();

    private JfrRecordings(Map<String, Long> jvms) {
        this.jvms = jvms;
    }

    static JfrRecordings start(Map<String, Long> jvms, Path dir, String label) throws IOException {
        Files.createDirectories(dir);
        JfrRecordings recordings = new JfrRecordings(jvms);
        for (Map.Entry<String, Long> jvm : jvms.entrySet()) {
            Path file = dir.resolve(jvm.getKey() + "-" + label + ".jfr").toAbsolutePath();
            jcmd(jvm.getValue(), "JFR.start", "name=" + NAME, "settings=profile", "filename=" + file);
            recordings.files.add(file);
        }
        return recordings;
    }

    List<Path> files() {
        return files;
    }

    @Override
    public void close() throws IOException {
        for (long pid : jvms.values()) {
            jcmd(pid, "JFR.stop", "name=" + NAME);
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
