package io.lrasaga.clientpool;

import org.jboss.resteasy.client.jaxrs.ClientHttpEngine;
import org.jboss.resteasy.client.jaxrs.api.ClientBuilderConfiguration;
import org.jboss.resteasy.client.jaxrs.engine.ClientHttpEngineFactory;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpAsyncClient4Engine;
import org.jboss.resteasy.client.jaxrs.engines.AsyncClientHttpEngine;

/**
 * RESTEasy Classic's engine SPI (found with ServiceLoader by every {@code ClientBuilder}):
 * clients get an engine on the application's shared connection pool. Narayana builds a new
 * JAX-RS client for every participant callback and every LRA client call and closes it right
 * after, which with RESTEasy's default engine means a new connection manager and a new TCP
 * connection each time; with this, they reuse kept-alive connections.
 */
public class PooledEngineFactory implements ClientHttpEngineFactory {

    @Override
    public ClientHttpEngine httpClientEngine(ClientBuilderConfiguration configuration) {
        return SharedConnectionPool.instance().engineFor(configuration);
    }

    /** Only for clients that ask for the async engine explicitly: RESTEasy's own choice, unpooled. */
    @Override
    public AsyncClientHttpEngine asyncHttpClientEngine(ClientBuilderConfiguration configuration) {
        return new ApacheHttpAsyncClient4Engine(true);
    }
}
