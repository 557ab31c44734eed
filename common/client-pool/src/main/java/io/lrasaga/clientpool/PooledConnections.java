package io.lrasaga.clientpool;

import org.apache.http.impl.client.CloseableHttpClient;

/**
 * The application's kept-alive connections for code that speaks HTTP without JAX-RS: the same
 * pool Narayana's per-call clients use, so a participant's own calls to the coordinator and
 * Narayana's reuse one set of connections. The pool owns the client and closes it at shutdown;
 * callers set their timeouts per request ({@code RequestConfig}) and never close it.
 */
public final class PooledConnections {

    private PooledConnections() {
    }

    public static CloseableHttpClient httpClient() {
        return SharedConnectionPool.instance().untimedClient();
    }
}
