package io.lrasaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.AppProcess;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.LocalSystem;
import io.lrasaga.launcher.LocalSystemConfig;

/**
 * One configuration's processes on fresh data directories and free ports: the stores (durable
 * PostgreSQL for every configuration), then either lra-saga's coordinator and services, or the
 * benchmark's stock apps (with the stock coordinator, or none for the floor). Closing stops
 * every process it started, by PID, and the stores.
 */
public final class BenchSystem implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    // Ctrl-C in the middle of a run: the apps and PostgreSQL of the configuration under way stop too.
    private static final Set<BenchSystem> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(BenchSystem::close), "bench-shutdown"));
    }

    private final Configuration configuration;
    private final LocalSystem system;
    private final Map<App, AppProcess> stockApps = new EnumMap<>(App.class);

    private BenchSystem(Configuration configuration, LocalSystem system) {
        this.configuration = configuration;
        this.system = system;
    }

    public static BenchSystem start(Configuration configuration, Path projectRoot, Path dataDir, String jvmOptions)
            throws IOException, InterruptedException {
        deleteRecursively(dataDir);
        LocalSystemConfig config = LocalSystemConfig.defaults(projectRoot).withDataDir(dataDir)
                .withPorts(FreePort.findRange(App.values().length), FreePort.find(), FreePort.find())
                .withDurable(true).withJvmOptions(jvmOptions);
        // The MongoDB wire server in a JVM of its own, so its CPU is reported apart from the load
        // generator's: it is a stand-in for MongoDB, with costs of its own (one file commit per command).
        BenchSystem bench = new BenchSystem(configuration, new LocalSystem(config).withMongoProcess());
        OPEN.add(bench);
        try {
            bench.startProcesses();
            return bench;
        } catch (IOException | InterruptedException | RuntimeException e) {
            bench.close();
            throw e;
        }
    }

    private void startProcesses() throws IOException, InterruptedException {
        if (configuration == Configuration.LRA_SAGA) {
            system.start();
            return;
        }
        system.startStores();
        LocalSystemConfig config = system.config();
        for (App app : App.values()) {
            if (app == App.COORDINATOR && !configuration.coordinated()) {
                continue;
            }
            stockApps.put(app, new AppProcess("stock-" + app.id(), stockJar(config.projectRoot(), app),
                    config.dataDir().resolve(app.id()), config.dataDir().resolve("logs/" + app.id() + ".log"),
                    config.port(app), system.properties(app), config.maxHeap(), config.jvmOptions()));
        }
        if (stockApps.containsKey(App.COORDINATOR)) {
            startAndAwait(List.of(stockApps.get(App.COORDINATOR)));
        }
        startAndAwait(stockApps.values().stream().filter(p -> p != stockApps.get(App.COORDINATOR)).toList());
    }

    /** Where the packaged stock app of {@code app} is (src-test/bench/stock-*). */
    public static Path stockJar(Path projectRoot, App app) {
        return projectRoot.resolve("src-test/bench/stock-" + app.id()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static void startAndAwait(List<AppProcess> processes) throws IOException, InterruptedException {
        for (AppProcess process : processes) {
            process.start();
        }
        for (AppProcess process : processes) {
            process.awaitReady(READY_TIMEOUT);
        }
    }

    public Configuration configuration() {
        return configuration;
    }

    public LocalSystem localSystem() {
        return system;
    }

    public String url(App app) {
        return system.url(app);
    }

    /** Every process whose CPU and memory the report shows, the benchmark's own JVM last. */
    public List<MeasuredProcess> measured() throws IOException {
        List<MeasuredProcess> measured = new ArrayList<>();
        appPids().forEach((app, pid) -> measured.add(MeasuredProcess.jvm(app, pid)));
        measured.add(MeasuredProcess.tree("postgresql", postmasterPid()));
        measured.add(MeasuredProcess.jvm("mongodb", system.mongoPid()));
        measured.add(MeasuredProcess.jvm("bench-jvm", ProcessHandle.current().pid()));
        return measured;
    }

    /** PIDs of the configuration's app JVMs (coordinator and services), by app id. */
    public Map<String, Long> appPids() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        for (App app : App.values()) {
            AppProcess process = configuration == Configuration.LRA_SAGA ? system.process(app) : stockApps.get(app);
            if (process != null && process.isAlive()) {
                pids.put(app.id(), process.pid());
            }
        }
        return pids;
    }

    /**
     * The JVMs {@code --profile} attaches to: the app JVMs, then the MongoDB wire server's as
     * {@code mongodb} (the names of {@link #measured()}); never this JVM, which cannot attach to
     * itself.
     */
    public Map<String, Long> profiledJvms() {
        Map<String, Long> jvms = new java.util.LinkedHashMap<>(appPids());
        if (system.mongoPid() != ProcessHandle.current().pid()) {
            jvms.put("mongodb", system.mongoPid());
        }
        return jvms;
    }

    private long postmasterPid() throws IOException {
        Path pidFile = system.config().dataDir().resolve("postgres/postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    @Override
    public void close() {
        OPEN.remove(this);
        for (AppProcess process : stockApps.values().stream().sorted(Comparator.comparing(
                (AppProcess p) -> p.name().equals("stock-coordinator"))).toList()) {
            try {
                process.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        system.close();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

}
