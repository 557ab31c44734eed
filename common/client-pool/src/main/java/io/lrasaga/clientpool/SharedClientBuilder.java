package io.lrasaga.clientpool;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.resteasy.client.jaxrs.ResteasyClient;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.jboss.resteasy.spi.ResteasyProviderFactory;

/**
 * The application's JAX-RS {@code ClientBuilder} (META-INF/services; RESTEasy's own entry is
 * removed from the application by {@code quarkus.class-loading.removed-resources}). A builder
 * that is built exactly as it was created — {@code ClientBuilder.newClient()}, which is how
 * Narayana's coordinator makes every participant callback and its LRA client every
 * start/join/close — gets a {@link SharedClient}: a handle on one client of the application,
 * instead of a new client with its own copy of every provider, its own configuration and its
 * own async thread pool, thrown away after one call. A builder that was configured in any way
 * builds a client of its own, as RESTEasy does.
 */
public class SharedClientBuilder extends ResteasyClientBuilderImpl {

    private final ResteasyProviderFactory createdWith;
    private final List<Object> asCreated;

    public SharedClientBuilder() {
        createdWith = providerFactory;
        asCreated = settings();
    }

    @Override
    public ResteasyClient build() {
        SharedConnectionPool pool = SharedConnectionPool.instance();
        if (pool.settings().enabled() && pool.settings().shareClients() && unconfigured()) {
            return new SharedClient(pool.sharedClient());
        }
        return super.build();
    }

    /** Nothing set since construction: the state a plain {@code ClientBuilder.newClient()} builds. */
    boolean unconfigured() {
        return providerFactory == createdWith && asCreated.equals(settings());
    }

    // Every setting of the builder; a configuration method changes one of them (the provider
    // factory holds registered providers and properties). SharedClientBuilderTest calls each.
    private List<Object> settings() {
        ResteasyProviderFactory factory = providerFactory;
        return Arrays.asList(truststore, clientKeyStore, clientPrivateKeyPassword, disableTrustManager, policy,
                asyncExecutor, scheduledExecutorService, sslContext, properties == null ? null : new HashMap<>(properties),
                httpEngine,
                connectionPoolSize, maxPooledPerRoute, connectionTTL, socketTimeout, establishConnectionTimeout,
                connectionCheckoutTimeoutMs, verifier, responseBufferSize,
                sniHostNames == null ? null : List.copyOf(sniHostNames),
                trustSelfSignedCertificates, cookieManagementEnabled, disableAutomaticRetries, followRedirects,
                getDefaultProxyHostname(), getDefaultProxyPort(), getDefaultProxyScheme(), isUseAsyncHttpEngine(),
                getReadTimeout(TimeUnit.MILLISECONDS), getConnectionTimeout(TimeUnit.MILLISECONDS),
                factory == null ? null : factory.getProviderClasses().size(),
                factory == null ? null : factory.getProviderInstances().size(),
                factory == null ? null : new HashMap<>(factory.getProperties()));
    }
}
