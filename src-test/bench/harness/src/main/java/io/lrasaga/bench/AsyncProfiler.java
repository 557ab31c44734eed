package io.lrasaga.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.tools.attach.VirtualMachine;

/**
 * async-profiler for {@code --profile}, attached to running JVMs with the Attach API
 * ({@code VirtualMachine.loadAgentPath}) for one measured window. Unlike a JFR recording started
 * mid-run, loading it retransforms no class and leaves the JIT's work alone, so the apps can be
 * started without it and profiled after their warm-up. CPU samples by {@code itimer} (perf
 * events are restricted here) every {@value #INTERVAL}; each JVM's samples are written at
 * {@link #stop} as collapsed stacks, one {@code frame;frame;... count} line per distinct stack
 * (flame-graph input). {@code jcmd JVMTI.agent_load} cannot stand in: it mangles options that
 * contain {@code =}.
 */
final class AsyncProfiler {

    static final String INTERVAL = "5ms";
    static final double INTERVAL_MILLIS = 5;
    private static final String RESOURCE = "linux-x64/libasyncProfiler.so";

    private final Path library;
    /** The JVMs being profiled, by name. */
    private final Map<String, Long> started = new LinkedHashMap<>();

    private AsyncProfiler(Path library) {
        this.library = library;
    }

    /**
     * The library of the {@code tools.profiler:async-profiler:linux-x64} jar on the classpath,
     * copied out to {@code dir} (an attached JVM loads it from a file).
     */
    static AsyncProfiler extractTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path library = dir.resolve("libasyncProfiler.so").toAbsolutePath();
        try (InputStream in = AsyncProfiler.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is not on the classpath (tools.profiler:async-profiler:linux-x64)");
            }
            Path partial = Files.createTempFile(dir, "libasyncProfiler", ".so.part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return new AsyncProfiler(library);
    }

    /**
     * Loads the library in every JVM without starting it ({@code status}), so that the JVM's
     * attach listener is up and the library loaded before {@link #start}: done during a warm-up,
     * it keeps that work out of the measured window, where only {@code start} is left. A JVM
     * that cannot be attached to is left to {@link #start} to report.
     */
    void load(Map<String, Long> jvms) {
        jvms.values().forEach(pid -> {
            try {
                command(pid, "status");
            } catch (IOException | RuntimeException e) {
                // start says why
            }
        });
    }

    /**
     * Starts sampling in every JVM; one that cannot be attached to is left out. Returns why, by
     * name, for those that were not started.
     */
    Map<String, String> start(Map<String, Long> jvms) {
        Map<String, String> failed = new LinkedHashMap<>();
        jvms.forEach((name, pid) -> {
            try {
                command(pid, "start,event=itimer,interval=" + INTERVAL);
                started.put(name, pid);
            } catch (IOException | RuntimeException e) {
                failed.put(name, describe(e));
            }
        });
        return failed;
    }

    /**
     * Stops every JVM's sampling and writes its collapsed stacks to
     * {@code dir/<name>-<label>.collapsed} ({@code dir} exists); returns the files written by name, and reports
     * in {@code failed} the JVMs whose profile could not be had.
     */
    Map<String, Path> stop(Path dir, String label, Map<String, String> failed) {
        Map<String, Path> files = new LinkedHashMap<>();
        started.forEach((name, pid) -> {
            Path file = dir.resolve(name + "-" + label + ".collapsed").toAbsolutePath();
            try {
                command(pid, "stop,file=" + file + ",collapsed");
                files.put(name, file);
            } catch (IOException | RuntimeException e) {
                failed.put(name, describe(e));
            }
        });
        started.clear();
        return files;
    }

    /** One async-profiler command in the JVM {@code pid} (the agent is loaded again for each). */
    private void command(long pid, String options) throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid + ": " + e.getMessage(), e);
        }
        try {
            vm.loadAgentPath(library.toString(), options);
        } catch (com.sun.tools.attach.AgentLoadException | com.sun.tools.attach.AgentInitializationException e) {
            throw new IOException("async-profiler '" + options + "' failed in " + pid + ": " + e.getMessage(), e);
        } finally {
            vm.detach();
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
