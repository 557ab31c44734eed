package io.lrasaga.saga;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;
import java.util.Map;

/**
 * The running saga, as its lambda sees it: the LRA every call of the lambda must carry. A
 * MicroProfile REST client called on the lambda's thread adds the {@code Long-Running-Action}
 * header by itself; any other client must send {@link #header()}.
 *
 * @param lraId   the LRA of this run
 * @param attempt 1 for the first run, 2 for the first retry after a conflict, ...
 */
public record Saga(URI lraId, int attempt) {

    /** The header that makes a call a step of this saga. */
    public Map<String, String> header() {
        return Map.of(LRA_HTTP_CONTEXT_HEADER, lraId.toASCIIString());
    }
}
