package io.lrasaga.clientpool;

import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Configuration;

import org.jboss.resteasy.client.jaxrs.ClientHttpEngine;
import org.jboss.resteasy.client.jaxrs.ResteasyClient;
import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.jboss.resteasy.spi.ResteasyProviderFactory;

/**
 * The application's JAX-RS {@code ClientBuilder} (META-INF/services; RESTEasy's own entry is
 * removed from the application by {@code quarkus.class-loading.removed-resources}). A builder
 * that is built exactly as it was created — {@code ClientBuilder.newClient()}, which is how
 * Narayana's coordinator makes every participant callback and its LRA client every
 * start/join/close — gets a {@link SharedClient}: a handle on one client of the application,
 * instead of a new client with its own copy of every provider, its own configuration and its
 * own async thread pool, thrown away after one call.
 * <p>
 * Creating this builder costs nothing: RESTEasy's builder is created only when a method is
 * called on it, and then every call goes to it and {@link #build()} builds RESTEasy's client, so
 * any configuration (and any question about it) gets a client of its own. RESTEasy's builder
 * copies the provider factory and searches the class path for its engine factory when created,
 * and Narayana creates a builder for every call: that was 6 % of the coordinator's CPU.
 */
public class SharedClientBuilder extends ResteasyClientBuilder {

    private ResteasyClientBuilderImpl configured;

    /** RESTEasy's builder, from the first configuration (or question) on. */
    private ResteasyClientBuilderImpl configured() {
        if (configured == null) {
            configured = new ResteasyClientBuilderImpl();
        }
        return configured;
    }

    /** Nothing called since construction: the state a plain {@code ClientBuilder.newClient()} builds. */
    boolean unconfigured() {
        return configured == null;
    }

    /**
     * What {@code ClientBuilder.newClient()} gives in an application with this builder, without
     * the JAX-RS API's class-path search for the builder: the client pool extension rewrites
     * Narayana's per-call {@code ClientBuilder.newClient()} to this at build time.
     */
    public static Client newClient() {
        return new SharedClientBuilder().build();
    }

    @Override
    public ResteasyClient build() {
        if (configured != null) {
            return configured.build();
        }
        SharedConnectionPool pool = SharedConnectionPool.instance();
        if (pool.settings().enabled() && pool.settings().shareClients()) {
            return new SharedClient(pool.sharedClient(), pool.asyncTasks());
        }
        return configured().build();
    }

    @Override
    public SharedClientBuilder providerFactory(ResteasyProviderFactory providerFactory) {
        configured().providerFactory(providerFactory);
        return this;
    }

    @Override
    public ResteasyProviderFactory getProviderFactory() {
        return configured().getProviderFactory();
    }

    @Override
    public SharedClientBuilder connectionTTL(long ttl, TimeUnit unit) {
        configured().connectionTTL(ttl, unit);
        return this;
    }

    @Override
    public long getConnectionTTL(TimeUnit unit) {
        return configured().getConnectionTTL(unit);
    }

    @Override
    public SharedClientBuilder maxPooledPerRoute(int maxPooledPerRoute) {
        configured().maxPooledPerRoute(maxPooledPerRoute);
        return this;
    }

    @Override
    public int getMaxPooledPerRoute() {
        return configured().getMaxPooledPerRoute();
    }

    @Override
    public SharedClientBuilder connectionCheckoutTimeout(long timeout, TimeUnit unit) {
        configured().connectionCheckoutTimeout(timeout, unit);
        return this;
    }

    @Override
    public long getConnectionCheckoutTimeout(TimeUnit unit) {
        return configured().getConnectionCheckoutTimeout(unit);
    }

    @Override
    public SharedClientBuilder connectionPoolSize(int connectionPoolSize) {
        configured().connectionPoolSize(connectionPoolSize);
        return this;
    }

    @Override
    public int getConnectionPoolSize() {
        return configured().getConnectionPoolSize();
    }

    @Override
    public SharedClientBuilder responseBufferSize(int size) {
        configured().responseBufferSize(size);
        return this;
    }

    @Override
    public int getResponseBufferSize() {
        return configured().getResponseBufferSize();
    }

    @Override
    public SharedClientBuilder disableTrustManager() {
        configured().disableTrustManager();
        return this;
    }

    @Override
    public boolean isTrustManagerDisabled() {
        return configured().isTrustManagerDisabled();
    }

    @Override
    public void setIsTrustSelfSignedCertificates(boolean b) {
        configured().setIsTrustSelfSignedCertificates(b);
    }

    @Override
    public boolean isTrustSelfSignedCertificates() {
        return configured().isTrustSelfSignedCertificates();
    }

    @Override
    public SharedClientBuilder hostnameVerification(HostnameVerificationPolicy policy) {
        configured().hostnameVerification(policy);
        return this;
    }

    @Override
    public HostnameVerificationPolicy getHostnameVerification() {
        return configured().getHostnameVerification();
    }

    @Override
    public SharedClientBuilder httpEngine(ClientHttpEngine httpEngine) {
        configured().httpEngine(httpEngine);
        return this;
    }

    @Override
    public ClientHttpEngine getHttpEngine() {
        return configured().getHttpEngine();
    }

    @Override
    public SharedClientBuilder useAsyncHttpEngine() {
        configured().useAsyncHttpEngine();
        return this;
    }

    @Override
    public boolean isUseAsyncHttpEngine() {
        return configured().isUseAsyncHttpEngine();
    }

    @Override
    public SharedClientBuilder sniHostNames(String... sniHostNames) {
        configured().sniHostNames(sniHostNames);
        return this;
    }

    @Override
    public List<String> getSniHostNames() {
        return configured().getSniHostNames();
    }

    @Override
    public SharedClientBuilder defaultProxy(String hostname) {
        configured().defaultProxy(hostname);
        return this;
    }

    @Override
    public String getDefaultProxyHostname() {
        return configured().getDefaultProxyHostname();
    }

    @Override
    public int getDefaultProxyPort() {
        return configured().getDefaultProxyPort();
    }

    @Override
    public String getDefaultProxyScheme() {
        return configured().getDefaultProxyScheme();
    }

    @Override
    public SharedClientBuilder defaultProxy(String hostname, int port) {
        configured().defaultProxy(hostname, port);
        return this;
    }

    @Override
    public SharedClientBuilder defaultProxy(String hostname, int port, String scheme) {
        configured().defaultProxy(hostname, port, scheme);
        return this;
    }

    @Override
    public SharedClientBuilder enableCookieManagement() {
        configured().enableCookieManagement();
        return this;
    }

    @Override
    public boolean isCookieManagementEnabled() {
        return configured().isCookieManagementEnabled();
    }

    @Override
    public SSLContext getSSLContext() {
        return configured().getSSLContext();
    }

    @Override
    public KeyStore getKeyStore() {
        return configured().getKeyStore();
    }

    @Override
    public String getKeyStorePassword() {
        return configured().getKeyStorePassword();
    }

    @Override
    public KeyStore getTrustStore() {
        return configured().getTrustStore();
    }

    @Override
    public HostnameVerifier getHostnameVerifier() {
        return configured().getHostnameVerifier();
    }

    @Override
    public long getReadTimeout(TimeUnit unit) {
        return configured().getReadTimeout(unit);
    }

    @Override
    public long getConnectionTimeout(TimeUnit unit) {
        return configured().getConnectionTimeout(unit);
    }

    @Override
    public SharedClientBuilder disableAutomaticRetries() {
        configured().disableAutomaticRetries();
        return this;
    }

    @Override
    public boolean isDisableAutomaticRetries() {
        return configured().isDisableAutomaticRetries();
    }

    @Override
    public SharedClientBuilder executorService(ExecutorService executorService, boolean cleanupExecutor) {
        configured().executorService(executorService, cleanupExecutor);
        return this;
    }

    @Override
    public SharedClientBuilder withConfig(Configuration config) {
        configured().withConfig(config);
        return this;
    }

    @Override
    public SharedClientBuilder sslContext(SSLContext sslContext) {
        configured().sslContext(sslContext);
        return this;
    }

    @Override
    public SharedClientBuilder keyStore(KeyStore keyStore, char[] password) {
        configured().keyStore(keyStore, password);
        return this;
    }

    @Override
    public SharedClientBuilder keyStore(KeyStore keyStore, String password) {
        configured().keyStore(keyStore, password);
        return this;
    }

    @Override
    public SharedClientBuilder trustStore(KeyStore trustStore) {
        configured().trustStore(trustStore);
        return this;
    }

    @Override
    public SharedClientBuilder hostnameVerifier(HostnameVerifier verifier) {
        configured().hostnameVerifier(verifier);
        return this;
    }

    @Override
    public SharedClientBuilder executorService(ExecutorService executorService) {
        configured().executorService(executorService);
        return this;
    }

    @Override
    public SharedClientBuilder scheduledExecutorService(ScheduledExecutorService scheduledExecutorService) {
        configured().scheduledExecutorService(scheduledExecutorService);
        return this;
    }

    @Override
    public SharedClientBuilder connectTimeout(long timeout, TimeUnit unit) {
        configured().connectTimeout(timeout, unit);
        return this;
    }

    @Override
    public SharedClientBuilder readTimeout(long timeout, TimeUnit unit) {
        configured().readTimeout(timeout, unit);
        return this;
    }

    @Override
    public SharedClientBuilder setFollowRedirects(boolean followRedirects) {
        configured().setFollowRedirects(followRedirects);
        return this;
    }

    @Override
    public boolean isFollowRedirects() {
        return configured().isFollowRedirects();
    }

    @Override
    public Configuration getConfiguration() {
        return configured().getConfiguration();
    }

    @Override
    public SharedClientBuilder property(String name, Object value) {
        configured().property(name, value);
        return this;
    }

    @Override
    public SharedClientBuilder register(Class<?> componentClass) {
        configured().register(componentClass);
        return this;
    }

    @Override
    public SharedClientBuilder register(Class<?> componentClass, int priority) {
        configured().register(componentClass, priority);
        return this;
    }

    @Override
    public SharedClientBuilder register(Class<?> componentClass, Class<?>... contracts) {
        configured().register(componentClass, contracts);
        return this;
    }

    @Override
    public SharedClientBuilder register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
        configured().register(componentClass, contracts);
        return this;
    }

    @Override
    public SharedClientBuilder register(Object component) {
        configured().register(component);
        return this;
    }

    @Override
    public SharedClientBuilder register(Object component, int priority) {
        configured().register(component, priority);
        return this;
    }

    @Override
    public SharedClientBuilder register(Object component, Class<?>... contracts) {
        configured().register(component, contracts);
        return this;
    }

    @Override
    public SharedClientBuilder register(Object component, Map<Class<?>, Integer> contracts) {
        configured().register(component, contracts);
        return this;
    }
}
