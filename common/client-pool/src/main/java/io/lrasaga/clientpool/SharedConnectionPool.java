package io.lrasaga.clientpool;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.http.HttpHost;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.jboss.resteasy.client.jaxrs.ClientHttpEngine;
import org.jboss.resteasy.client.jaxrs.ResteasyClient;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.jboss.resteasy.client.jaxrs.api.ClientBuilderConfiguration;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpClient43Engine;

/**
 * One pooled Apache HttpClient per distinct pair of timeouts, shared by every JAX-RS client
 * that asks for them. A client's engine wraps the shared HttpClient without owning it, so
 * closing the client (as Narayana does after each call) leaves the connections open for the
 * next one. Clients with settings a shared pool cannot honour (their own SSL context, a proxy,
 * cookies, SNI names) get a connection manager of their own, closed with them.
 */
final class SharedConnectionPool {

    private static volatile SharedConnectionPool instance;

    private final PoolSettings settings;
    private final Map<Timeouts, CloseableHttpClient> clients = new ConcurrentHashMap<>();
    private volatile ResteasyClient sharedClient;
    private volatile ContextCarryingExecutor asyncTasks;

    SharedConnectionPool(PoolSettings settings) {
        this.settings = settings;
    }

    static SharedConnectionPool instance() {
        SharedConnectionPool pool = instance;
        if (pool == null) {
            synchronized (SharedConnectionPool.class) {
                pool = instance;
                if (pool == null) {
                    pool = new SharedConnectionPool(PoolSettings.current());
                    instance = pool;
                    Runtime.getRuntime().addShutdownHook(new Thread(pool::close, "lra-saga-client-pool-close"));
                }
            }
        }
        return pool;
    }

    PoolSettings settings() {
        return settings;
    }

    /**
     * The client {@code ClientBuilder.newClient()} would build, once per pool: what every
     * {@link SharedClient} handle uses (its configuration, providers, executors, and this pool).
     */
    ResteasyClient sharedClient() {
        ResteasyClient client = sharedClient;
        if (client == null) {
            synchronized (this) {
                client = sharedClient;
                if (client == null) {
                    asyncTasks = new ContextCarryingExecutor();
                    // RESTEasy's own builder: its engine comes from this pool (PooledEngineFactory)
                    client = new ResteasyClientBuilderImpl().executorService(asyncTasks, false).build();
                    sharedClient = client;
                }
            }
        }
        return client;
    }

    /**
     * The executor of the shared client's asynchronous calls, unwrapped: RESTEasy's builder
     * wraps any executor in its own contextual one, which looks its context providers up for
     * every task; handles run their calls here directly.
     */
    ExecutorService asyncTasks() {
        sharedClient();
        return asyncTasks;
    }

    /** Replaces the application's pool (tests compare settings); returns the one it replaced. */
    static synchronized SharedConnectionPool replace(SharedConnectionPool pool) {
        SharedConnectionPool previous = instance();
        instance = pool;
        return previous;
    }

    /** Connect and read timeouts in milliseconds; -1 = not set by the client. */
    record Timeouts(long connectMillis, long readMillis) {
    }

    ClientHttpEngine engineFor(ClientBuilderConfiguration configuration) {
        Timeouts timeouts = new Timeouts(configuration.connectionTimeout(TimeUnit.MILLISECONDS),
                configuration.readTimeout(TimeUnit.MILLISECONDS));
        ApacheHttpClient43Engine engine;
        if (settings.enabled() && shareable(configuration)) {
            engine = new ClientScopedEngine(clients.computeIfAbsent(timeouts, this::pooled));
        } else {
            engine = new ApacheHttpClient43Engine(ownClient(configuration, timeouts), true);
        }
        engine.setFollowRedirects(configuration.isFollowRedirects());
        return engine;
    }

    /**
     * The pooled HttpClient of clients that set no timeouts (Narayana's per-call clients among
     * them), for callers that set their timeouts per request.
     */
    CloseableHttpClient untimedClient() {
        return clients.computeIfAbsent(new Timeouts(-1, -1), this::pooled);
    }

    static boolean shareable(ClientBuilderConfiguration configuration) {
        return configuration.sslContext() == null && configuration.defaultProxyHostname() == null
                && !configuration.isCookieManagementEnabled()
                && (configuration.sniHostNames() == null || configuration.sniHostNames().isEmpty());
    }

    private CloseableHttpClient pooled(Timeouts timeouts) {
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
        connections.setMaxTotal(settings.maxConnections());
        connections.setDefaultMaxPerRoute(settings.maxConnectionsPerHost());
        connections.setValidateAfterInactivity((int) settings.validateAfterInactivity().toMillis());
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(requestConfig(timeouts, null))
                .disableCookieManagement()
                .evictExpiredConnections()
                .evictIdleConnections(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    private CloseableHttpClient ownClient(ClientBuilderConfiguration configuration, Timeouts timeouts) {
        HttpHost proxy = configuration.defaultProxyHostname() == null ? null
                : new HttpHost(configuration.defaultProxyHostname(), configuration.defaultProxyPort(),
                        configuration.defaultProxyScheme());
        HttpClientBuilder builder = HttpClients.custom()
                .setDefaultRequestConfig(requestConfig(timeouts, proxy));
        if (configuration.sslContext() != null) {
            builder.setSSLContext(configuration.sslContext());
        }
        if (!configuration.isCookieManagementEnabled()) {
            builder.disableCookieManagement();
        }
        return builder.build();
    }

    private RequestConfig requestConfig(Timeouts timeouts, HttpHost proxy) {
        long read = timeouts.readMillis() >= 0 ? timeouts.readMillis() : settings.defaultReadTimeout().toMillis();
        // Waiting for a free pooled connection is bounded like connecting (or, unset, like reading).
        long connect = timeouts.connectMillis() >= 0 ? timeouts.connectMillis() : read;
        return RequestConfig.custom().setSocketTimeout((int) read).setProxy(proxy)
                .setConnectTimeout(timeouts.connectMillis() >= 0 ? (int) timeouts.connectMillis() : -1)
                .setConnectionRequestTimeout((int) connect)
                .build();
    }

    void close() {
        if (asyncTasks != null) {
            asyncTasks.shutdown();
        }
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (java.io.IOException ignored) {
                // shutting down: nothing left to do with a connection that will not close
            }
        });
        clients.clear();
    }
}
