package io.lrasaga.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * The whole system on one machine: embedded PostgreSQL (one database per service), a
 * MongoDB wire server, the coordinator and the four services as separate JVMs. Stores live
 * in this JVM; applications are child processes that {@link #close()} always stops.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalSystem.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final List<App> STOP_ORDER = List.of(App.ORDERS, App.INVENTORY, App.PAYMENTS, App.ACTIVITY,
            App.COORDINATOR);

    private final LocalSystemConfig config;
    private final Map<App, AppProcess> apps = new EnumMap<>(App.class);
    private final Map<App, Map<String, String>> overrides = new EnumMap<>(App.class);
    // The coordinator has no default admin password; each local run gets a fresh one.
    private final String adminPassword = newSecret(12);
    // The coordinator signs each callback's LRA status with it and participants verify it
    // instead of asking the coordinator back (docs/participants.md); a fresh one each run.
    private final String signedCallbacksKey = newSecret(32);
    private final Object postgresLock = new Object();
    private EmbeddedPostgresServer postgres;
    private MongoWireServer mongo;
    // Set by withMongoProcess(): the wire server runs as a child JVM a fault test can kill.
    private MongoWireProcess mongoProcess;

    public LocalSystem(LocalSystemConfig config) {
        this.config = config;
    }

    public LocalSystemConfig config() {
        return config;
    }

    /**
     * Configuration every application gets on top of what {@link #properties(App)} sets, e.g.
     * a trace exporter; call before the applications start.
     */
    public LocalSystem withProperties(Map<String, String> properties) {
        for (App app : App.values()) {
            properties.forEach((key, value) -> configure(app, key, value));
        }
        return this;
    }

    /**
     * Runs the MongoDB wire server as a process of its own instead of inside this JVM, so
     * {@link #killMongo()} is a real SIGKILL; call before {@link #start()}.
     */
    public LocalSystem withMongoProcess() {
        if (mongo != null) {
            throw new IllegalStateException("the MongoDB wire server already runs in this JVM");
        }
        mongoProcess = new MongoWireProcess(mongoDataFile(), config.mongoPort(),
                config.dataDir().resolve("logs/mongo.log"));
        return this;
    }

    /** Starts stores, then the coordinator, then the participants, then orders; waits for each. */
    public LocalSystem start() throws IOException, InterruptedException {
        return start(EnumSet.allOf(App.class));
    }

    /**
     * Starts the stores and only the given applications (e.g. everything but the service
     * under test, which then runs in the test's own JVM against these).
     */
    public LocalSystem start(Set<App> toStart) throws IOException, InterruptedException {
        try {
            startStores();
            for (App app : App.values()) {
                process(app);
            }
            if (toStart.contains(App.COORDINATOR)) {
                startAndAwait(App.COORDINATOR);
            }
            App[] rest = toStart.stream().filter(app -> app != App.COORDINATOR).toArray(App[]::new);
            startAndAwait(rest);
            return this;
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts whichever store is not running (all of them at first; one that was killed later). */
    public void startStores() throws IOException {
        startPostgres();
        startMongo();
    }

    /** Starts PostgreSQL on its data directory and port, unless it runs. */
    public void startPostgres() throws IOException {
        synchronized (postgresLock) {
            if (postgres == null) {
                postgres = EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"), config.postgresPort(),
                        config.durable(), config.postgresDatabases());
                LOG.info("PostgreSQL on 127.0.0.1:" + postgres.port());
            }
        }
    }

    /** PID of the MongoDB wire server's own JVM ({@link #withMongoProcess()}), else this JVM's. */
    public long mongoPid() {
        return mongoProcess != null ? mongoProcess.pid() : ProcessHandle.current().pid();
    }

    /** Starts the MongoDB wire server on its file and port, unless it runs. */
    public void startMongo() throws IOException {
        if (mongoProcess != null) {
            try {
                mongoProcess.start(READY_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the MongoDB wire server", e);
            }
            LOG.info("MongoDB wire server on " + mongoConnectionString() + " (pid " + mongoProcess.pid() + ")");
        } else if (mongo == null) {
            mongo = MongoWireServer.start(mongoDataFile(), config.mongoPort());
            LOG.info("MongoDB wire server on " + mongo.connectionString());
        }
    }

    /** SIGKILL to the PostgreSQL server and its backends; {@link #startPostgres()} starts it again on the same data. */
    public void killPostgres() throws IOException, InterruptedException {
        synchronized (postgresLock) {
            if (postgres != null) {
                postgres.kill();
                postgres = null;
            }
        }
    }

    /** SIGKILL to the MongoDB wire server (only with {@link #withMongoProcess()}); {@link #startMongo()} restarts it. */
    public void killMongo() throws InterruptedException {
        if (mongoProcess == null) {
            throw new IllegalStateException("the MongoDB wire server runs in this JVM; use withMongoProcess()");
        }
        mongoProcess.kill();
    }

    private Path mongoDataFile() {
        return config.dataDir().resolve("mongo/activity.mv");
    }

    private String mongoConnectionString() {
        return "mongodb://127.0.0.1:" + config.mongoPort();
    }

    /** JDBC URL of a database of the embedded PostgreSQL (user {@link EmbeddedPostgresServer#USER}, no password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/" + database;
    }

    /** Starts the given applications in parallel and waits until each is ready. */
    public void startAndAwait(App... toStart) throws IOException, InterruptedException {
        for (App app : toStart) {
            apps.get(app).start();
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (App app : toStart) {
            AppProcess process = apps.get(app);
            ready.add(CompletableFuture.runAsync(() -> {
                try {
                    process.awaitReady(READY_TIMEOUT);
                    LOG.info(process.name() + " ready on " + process.baseUrl() + " (pid " + process.pid() + ")");
                } catch (IOException e) {
                    throw new CompletionException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    public void stop(App app) throws InterruptedException {
        apps.get(app).stop();
    }

    /** SIGKILL, as a crash would. */
    public void kill(App app) throws InterruptedException {
        apps.get(app).kill();
    }

    public AppProcess process(App app) {
        return apps.computeIfAbsent(app, this::newProcess);
    }

    public String url(App app) {
        return "http://127.0.0.1:" + config.port(app);
    }

    /**
     * Sets a configuration property of one application over what the system gives it; takes
     * effect when the application's process is first created (call before {@link #start()}).
     */
    public LocalSystem configure(App app, String key, String value) {
        if (apps.containsKey(app)) {
            throw new IllegalStateException(app.id() + " is already set up; configure it before starting");
        }
        overrides.computeIfAbsent(app, a -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** Configuration an application needs to join this system (store, coordinator, peers). */
    public Map<String, String> properties(App app) {
        Map<String, String> properties = new LinkedHashMap<>();
        switch (app.store()) {
            case POSTGRESQL -> {
                properties.put("quarkus.datasource.jdbc.url", jdbcUrl(app.id()));
                properties.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
                properties.put("quarkus.datasource.password", "");
            }
            case MONGODB -> properties.put("quarkus.mongodb.connection-string", mongoConnectionString());
            case NONE -> {
                properties.put("lra-saga.coordinator.data-dir",
                        config.dataDir().resolve(app.id()).resolve("store").toString());
                properties.put("lra-saga.coordinator.admin.operator-password", adminPassword);
                if (config.coordinatorStore().equals("journal")) {
                    properties.put("lra-saga.coordinator.store.type", "journal");
                }
                if (config.coordinatorStore().equals("jdbc")) {
                    properties.put("lra-saga.coordinator.store.type", "jdbc");
                    properties.put("lra-saga.coordinator.store.jdbc.url", jdbcUrl(app.id()));
                    properties.put("lra-saga.coordinator.store.jdbc.user", EmbeddedPostgresServer.USER);
                }
            }
        }
        properties.put("lra-saga.signed-callbacks.key", signedCallbacksKey);
        if (app != App.COORDINATOR) {
            properties.put("quarkus.lra.coordinator-url", coordinatorUrl());
        }
        if (app == App.COORDINATOR) {
            // The services declarative transactions address, by tag (docs/transactions.md).
            properties.put("lra-saga.transactions.tags.orders-db.url", url(App.ORDERS));
            properties.put("lra-saga.transactions.tags.inventory-db.url", url(App.INVENTORY));
            properties.put("lra-saga.transactions.tags.payments-db.url", url(App.PAYMENTS));
            properties.put("lra-saga.transactions.tags.activity-docs.url", url(App.ACTIVITY));
        }
        if (app == App.ORDERS) {
            properties.put("quarkus.rest-client.inventory.url", url(App.INVENTORY));
            properties.put("quarkus.rest-client.payments.url", url(App.PAYMENTS));
            properties.put("quarkus.rest-client.activity.url", url(App.ACTIVITY));
        }
        properties.putAll(overrides.getOrDefault(app, Map.of()));
        return properties;
    }

    /** Password of the coordinator's {@code operator} user for this run. */
    public String adminPassword() {
        return adminPassword;
    }

    private static String newSecret(int bytes) {
        byte[] random = new byte[bytes];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    public String coordinatorUrl() {
        return url(App.COORDINATOR) + "/lra-coordinator";
    }

    private AppProcess newProcess(App app) {
        return new AppProcess(app.id(), config.jar(app), config.dataDir().resolve(app.id()),
                config.dataDir().resolve("logs/" + app.id() + ".log"), config.port(app), properties(app),
                config.maxHeap(), config.jvmOptions());
    }

    @Override
    public void close() {
        // The initiator first, so no new saga starts while participants go away.
        for (App app : STOP_ORDER) {
            AppProcess process = apps.get(app);
            if (process == null) {
                continue;
            }
            try {
                process.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
        if (mongoProcess != null) {
            try {
                mongoProcess.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.warning("PostgreSQL did not stop cleanly: " + e);
            }
            postgres = null;
        }
    }
}
