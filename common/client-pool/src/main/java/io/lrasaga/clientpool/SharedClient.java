package io.lrasaga.clientpool;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriBuilder;

import org.jboss.resteasy.client.jaxrs.ClientHttpEngine;
import org.jboss.resteasy.client.jaxrs.ResteasyClient;
import org.jboss.resteasy.client.jaxrs.ResteasyWebTarget;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;

/**
 * A caller's handle on the application's one unconfigured client ({@link SharedClientBuilder}).
 * Closing the handle closes only the handle. A caller that configures its client after
 * building it ({@code register}, {@code property}) gets a client of its own first, so nothing
 * it does reaches other callers; web targets copy their client's configuration anyway.
 */
final class SharedClient implements ResteasyClient {

    private static volatile ResteasyClient shared;

    private ResteasyClient own;
    private volatile boolean closed;

    /** The client every handle uses until it is configured; built on first use. */
    static ResteasyClient shared() {
        ResteasyClient client = shared;
        if (client == null) {
            synchronized (SharedClient.class) {
                client = shared;
                if (client == null) {
                    client = plainClient();
                    shared = client;
                }
            }
        }
        return client;
    }

    // RESTEasy's own builder: the client newClient() gives without this module, once.
    private static ResteasyClient plainClient() {
        return new ResteasyClientBuilderImpl().build();
    }

    private synchronized ResteasyClient client() {
        return own != null ? own : shared();
    }

    private synchronized SharedClient configure(Consumer<Client> change) {
        abortIfClosed();
        if (own == null) {
            own = plainClient();
        }
        change.accept(own);
        return this;
    }

    @Override
    public ResteasyWebTarget target(String uri) {
        abortIfClosed();
        return client().target(uri);
    }

    @Override
    public ResteasyWebTarget target(URI uri) {
        abortIfClosed();
        return client().target(uri);
    }

    @Override
    public ResteasyWebTarget target(UriBuilder uriBuilder) {
        abortIfClosed();
        return client().target(uriBuilder);
    }

    @Override
    public ResteasyWebTarget target(Link link) {
        abortIfClosed();
        return client().target(link);
    }

    @Override
    public Invocation.Builder invocation(Link link) {
        abortIfClosed();
        return client().invocation(link);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (own != null) {
            own.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void abortIfClosed() {
        if (closed) {
            throw new IllegalStateException("RESTEASY004565: A client instance was closed");
        }
    }

    @Override
    public ClientHttpEngine httpEngine() {
        return client().httpEngine();
    }

    @Override
    public ExecutorService asyncInvocationExecutor() {
        return client().asyncInvocationExecutor();
    }

    @Override
    public ScheduledExecutorService getScheduledExecutor() {
        return client().getScheduledExecutor();
    }

    @Override
    public SSLContext getSslContext() {
        return client().getSslContext();
    }

    @Override
    public HostnameVerifier getHostnameVerifier() {
        return client().getHostnameVerifier();
    }

    @Override
    public Configuration getConfiguration() {
        return client().getConfiguration();
    }

    @Override
    public Client property(String name, Object value) {
        return configure(c -> c.property(name, value));
    }

    @Override
    public Client register(Class<?> componentClass) {
        return configure(c -> c.register(componentClass));
    }

    @Override
    public Client register(Class<?> componentClass, int priority) {
        return configure(c -> c.register(componentClass, priority));
    }

    @Override
    public Client register(Class<?> componentClass, Class<?>... contracts) {
        return configure(c -> c.register(componentClass, contracts));
    }

    @Override
    public Client register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
        return configure(c -> c.register(componentClass, contracts));
    }

    @Override
    public Client register(Object component) {
        return configure(c -> c.register(component));
    }

    @Override
    public Client register(Object component, int priority) {
        return configure(c -> c.register(component, priority));
    }

    @Override
    public Client register(Object component, Class<?>... contracts) {
        return configure(c -> c.register(component, contracts));
    }

    @Override
    public Client register(Object component, Map<Class<?>, Integer> contracts) {
        return configure(c -> c.register(component, contracts));
    }
}
