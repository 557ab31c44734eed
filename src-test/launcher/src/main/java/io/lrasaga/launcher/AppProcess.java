package io.lrasaga.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Quarkus application running as its own JVM: started from its packaged
 * quarkus-run.jar with a capped heap, output to a log file, ready when its readiness
 * check answers 200, stopped gracefully (SIGTERM) or killed (SIGKILL) by PID.
 */
public final class AppProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final Path jar;
    private final Path workDir;
    private final Path logFile;
    private final int port;
    private final Map<String, String> properties;
    private final String maxHeap;
    private final List<String> jvmOptions;
    private Process process;

    /** An application JVM with the launcher's fast-start options ({@link LocalSystemConfig#FAST_START_JVM_OPTIONS}). */
    public AppProcess(String name, Path jar, Path workDir, Path logFile, int port, Map<String, String> properties,
            String maxHeap) {
        this(name, jar, workDir, logFile, port, properties, maxHeap, LocalSystemConfig.FAST_START_JVM_OPTIONS);
    }

    public AppProcess(String name, Path jar, Path workDir, Path logFile, int port, Map<String, String> properties,
            String maxHeap, String jvmOptions) {
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.workDir = workDir;
        this.logFile = logFile;
        this.port = port;
        this.properties = Map.copyOf(properties);
        this.maxHeap = maxHeap;
        this.jvmOptions = jvmOptions.isBlank() ? List.of() : List.of(jvmOptions.trim().split("\\s+"));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized void start() throws IOException {
        if (isAlive()) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            throw new IOException(name + ": " + jar + " is missing; build it with ./mvnw -B package -DskipTests");
        }
        Files.createDirectories(workDir);
        Files.createDirectories(logFile.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        ChildProcesses.track(process);
    }

    /** Polls the readiness check until it answers 200; fails fast if the process died. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IOException(name + " not ready within " + timeout + "; see " + logFile);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Graceful stop: SIGTERM, then SIGKILL if it does not exit within the grace period. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        ChildProcesses.stop(process);
        process = null;
    }

    /** A crash: SIGKILL, no shutdown hooks, no flushing. */
    public synchronized void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        ChildProcesses.kill(process);
        process = null;
    }
}
