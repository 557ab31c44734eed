package io.lrasaga.coordinator.tracking;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;

import io.lrasaga.coordinator.store.LraIds;
import io.quarkus.arc.Arc;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Makes the tracker follow an LRA the moment the coordinator calls one of its participants,
 * if it does not yet. A recovery pass loads a logged LRA (e.g. one that was cancelling when
 * the coordinator died), replays its callbacks and, when every participant answers at once,
 * ends and drops it before the pass returns: without this look, nothing would have seen that
 * LRA in memory, and its end would be missing from the history.
 */
@Provider
public class CallbackWatch implements ClientRequestFilter {

    private static final Logger LOG = Logger.getLogger(CallbackWatch.class);

    @Override
    public void filter(ClientRequestContext request) {
        Object lra = request.getHeaders().getFirst(LRA_HTTP_CONTEXT_HEADER);
        if (lra == null) {
            return;
        }
        try {
            String lraId = lra.toString();
            LraIds.uid(lraId).ifPresent(uid -> {
                // RESTEasy builds client providers itself, without injection.
                Arc.container().instance(LraTracker.class).get().follow(uid, URI.create(lraId));
            });
        } catch (RuntimeException e) {
            // Never fail a callback over its bookkeeping: the next poll looks again.
            LOG.debugf(e, "cannot follow the LRA of %s", request.getUri());
        }
    }
}
