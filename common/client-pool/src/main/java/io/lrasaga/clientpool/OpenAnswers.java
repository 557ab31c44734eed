package io.lrasaga.clientpool;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import jakarta.ws.rs.core.Response;

/**
 * The answers a client got and its caller may have left unread, closed with the client:
 * callers such as Narayana's LRA client read only the status of some answers and rely on
 * closing the client to free the connection, which with a client-owned connection manager
 * it did; on a shared pool an unclosed answer would hold its connection for ever, and after a
 * few dozen sagas every connection to the coordinator would be held.
 */
final class OpenAnswers {

    // Weak: a long-lived client (a MicroProfile REST client) must not keep every answer it got.
    private final Set<Response> open = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private volatile boolean closed;

    void add(Response response) {
        if (closed) {
            // An answer that arrived after its client was closed (an async call that timed out).
            response.close();
        } else {
            open.add(response);
        }
    }

    void closeAll() {
        closed = true;
        Response[] left;
        synchronized (open) {
            left = open.toArray(new Response[0]);
            open.clear();
        }
        for (Response response : left) {
            try {
                response.close();
            } catch (RuntimeException alreadyGone) {
                // the connection broke; the pool discards it
            }
        }
    }

    /** A client that keeps its own answers: the engine it shares hands them to it. */
    interface Owner {
        OpenAnswers answers();
    }
}
