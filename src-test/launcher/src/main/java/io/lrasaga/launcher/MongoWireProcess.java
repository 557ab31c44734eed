package io.lrasaga.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB wire server ({@link MongoWireServerMain}) as a child JVM on this JVM's class
 * path: killable with SIGKILL and restartable on the same H2 file and port, as a fault test
 * needs. Ready when its port accepts connections.
 */
public final class MongoWireProcess {

    private final Path dataFile;
    private final int port;
    private final Path logFile;
    private Process process;

    public MongoWireProcess(Path dataFile, int port, Path logFile) {
        this.dataFile = dataFile;
        this.port = port;
        this.logFile = logFile;
    }

    public synchronized void start(Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.createDirectories(dataFile.getParent());
        Files.createDirectories(logFile.getParent());
        process = ChildProcesses.track(new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), MongoWireServerMain.class.getName(),
                dataFile.toString(), String.valueOf(port)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start());
        awaitListening(timeout);
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("MongoDB wire server exited with " + process.exitValue() + "; see " + logFile);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYetListening) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new IOException("MongoDB wire server not listening within " + timeout + "; see " + logFile);
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            ChildProcesses.stop(process);
            process = null;
        }
    }

    /** A crash: SIGKILL, no shutdown hook, the H2 file as the kill left it. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            ChildProcesses.kill(process);
            process = null;
        }
    }
}
