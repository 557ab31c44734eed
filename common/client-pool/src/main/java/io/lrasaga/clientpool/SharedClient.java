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
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpClient43Engine;
import org.jboss.resteasy.client.jaxrs.internal.ClientConfiguration;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientImpl;

/**
 * A caller's handle on the application's one unconfigured client ({@link SharedClientBuilder}):
 * its configuration, providers, executors and engine; the handle keeps the answers of its calls,
 * so that closing it releases the connections of answers its caller left unread (as closing a
 * client of its own would; Narayana's LRA client reads only the status of some).
 * A caller that configures its client after building it ({@code register}, {@code property},
 * or asking for its engine) gets a client of its own first, so nothing it does reaches other
 * callers; web targets copy their client's configuration anyway.
 */
final class SharedClient implements ResteasyClient {

    private final ResteasyClient shared;
    private final ExecutorService asyncTasks;
    private ResteasyClient handle;
    private ResteasyClient own;
    private volatile boolean closed;

    SharedClient(ResteasyClient shared, ExecutorService asyncTasks) {
        this.shared = shared;
        this.asyncTasks = asyncTasks;
    }

    private synchronized ResteasyClient client() {
        if (own != null) {
            return own;
        }
        if (handle == null) {
            handle = new Handle(shared, asyncTasks);
        }
        return handle;
    }

    /** The client of this caller's own, built on first need: nothing done to it reaches other callers. */
    private synchronized ResteasyClient own() {
        abortIfClosed();
        if (own == null) {
            own = new ResteasyClientBuilderImpl().build();
        }
        return own;
    }

    private synchronized SharedClient configure(Consumer<Client> change) {
        change.accept(own());
        return this;
    }

    /**
     * The shared client's configuration, executors and engine, none of them shut down on close;
     * the answers its calls got, closed on close.
     */
    private static final class Handle extends ResteasyClientImpl implements OpenAnswers.Owner {

        private final OpenAnswers answers = new OpenAnswers();

        Handle(ResteasyClient shared, ExecutorService asyncTasks) {
            super(shared.httpEngine(), asyncTasks, false, shared.getScheduledExecutor(),
                    (ClientConfiguration) shared.getConfiguration());
        }

        @Override
        public OpenAnswers answers() {
            return answers;
        }

        @Override
        public void close() {
            closed = true;
            answers.closeAll();
        }
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
        if (handle != null) {
            handle.close();
        }
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

    /**
     * The engine, which its caller may change ({@code setFollowRedirects}): the engine of a
     * client of its own, as for any other configuration after building.
     */
    @Override
    public ClientHttpEngine httpEngine() {
        return own().httpEngine();
    }

    /** The pooled HTTP client this client's calls go through (for tests). */
    synchronized org.apache.http.client.HttpClient pooledHttpClient() {
        return ((ApacheHttpClient43Engine) client().httpEngine()).getHttpClient();
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
