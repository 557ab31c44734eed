package io.lrasaga.clientpool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.util.function.UnaryOperator;

import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.jboss.resteasy.client.jaxrs.internal.ClientInvocation;
import org.jboss.resteasy.client.jaxrs.internal.ClientResponse;

/**
 * An answer on a pooled connection, as RESTEasy 6.2's Apache engine builds it, but not
 * finalizable. RESTEasy's answer has a {@code finalize()} that frees a connection its caller
 * left open: every young collection then keeps each answer of the last seconds alive, with all
 * it references, and copies it once more. In orders (five REST client calls per saga) that was
 * 78 of a 119 ms pause at concurrency 32, and 20–37 ms pauses every 4 s at half load, while the
 * services without such answers paused 3–5 ms. Here a {@link Cleaner} is the safety net: it
 * runs only once the answer is unreachable and keeps nothing of it alive, and an answer that is
 * closed deregisters itself.
 */
final class PooledAnswer extends ClientResponse {

    private static final Cleaner LEFT_OPEN = Cleaner.create();

    private final HttpResponse answer;
    private final UnaryOperator<InputStream> buffering;
    private final Cleaner.Cleanable leftOpen;
    private InputStream stream;
    private InputStream entityStream;

    PooledAnswer(ClientInvocation request, HttpResponse answer, UnaryOperator<InputStream> buffering) {
        super(request.getClientConfiguration(), request.getTracingLogger());
        this.answer = answer;
        this.buffering = buffering;
        this.leftOpen = LEFT_OPEN.register(this, new Release(answer));
    }

    @Override
    protected void setInputStream(InputStream is) {
        stream = is;
        resetEntity();
    }

    @Override
    public InputStream getInputStream() {
        if (stream == null) {
            HttpEntity entity = answer.getEntity();
            if (entity == null) {
                return null;
            }
            try {
                entityStream = entity.getContent();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stream = buffering.apply(entityStream);
        }
        return stream;
    }

    @Override
    public void releaseConnection() throws IOException {
        releaseConnection(true);
    }

    /**
     * As RESTEasy's: consuming, closes the entity's stream (Apache's client frees the
     * connection for reuse only then); otherwise closes the answer, which drops the connection.
     */
    @Override
    public void releaseConnection(boolean consumeInputStream) throws IOException {
        try {
            if (consumeInputStream) {
                try {
                    InputStream is = stream != null ? stream : getInputStream();
                    if (is != null) {
                        is.close(); // its exception propagates: the TCK checks it
                    }
                } finally {
                    closeEntityStream();
                }
            } else if (answer instanceof CloseableHttpResponse closeable) {
                closeable.close();
            }
        } finally {
            leftOpen.clean();
        }
    }

    // The stream may have been replaced rather than wrapped: Apache's own must be closed too.
    private void closeEntityStream() {
        try {
            InputStream own = entityStream != null ? entityStream
                    : answer.getEntity() != null ? answer.getEntity().getContent() : null;
            if (own != null) {
                own.close();
            }
        } catch (IOException ignored) {
            // the connection broke; the pool discards it
        }
    }

    /** Frees the connection of an answer nobody closed; holds the Apache answer only, not ours. */
    private record Release(HttpResponse answer) implements Runnable {

        @Override
        public void run() {
            if (answer instanceof CloseableHttpResponse closeable) {
                try {
                    closeable.close();
                } catch (IOException ignored) {
                    // the connection is gone either way
                }
            }
        }
    }
}
