package io.lrasaga.coordinator.outbound;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;

import io.lrasaga.coordinator.store.LraStore;
import io.lrasaga.signedcallbacks.StatusAttestation;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;
import io.quarkus.arc.Arc;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Adds the signed status of the LRA to every call the coordinator makes under an LRA — the
 * complete, compensate, status, forget and after calls Narayana sends to participants — so a
 * participant can confirm a callback without calling back ({@link StatusAttestation}). The
 * status is read from the coordinator's own state when the call leaves; an LRA it does not
 * hold in memory (e.g. a failed one an operator retries) goes unsigned and its participants
 * ask, as they would without a key.
 */
@Provider
public class LraStatusSigner implements ClientRequestFilter {

    private static final Logger LOG = Logger.getLogger(LraStatusSigner.class);

    @Override
    public void filter(ClientRequestContext request) {
        Object lra = request.getHeaders().getFirst(LRA_HTTP_CONTEXT_HEADER);
        if (lra == null || request.getHeaders().containsKey(StatusAttestation.HEADER)) {
            return;
        }
        try {
            // Looked up per call: RESTEasy builds client providers itself, without injection
            // (the clients Narayana creates per callback).
            StatusAttestation signer = Arc.container().instance(StatusAttestation.class).get();
            if (!signer.enabled()) {
                return;
            }
            String lraId = lra.toString();
            Arc.container().instance(LraStore.class).get().inMemory(URI.create(lraId))
                    .map(LongRunningAction::getLRAStatus)
                    .flatMap(status -> signer.sign(lraId, status.name()))
                    .ifPresent(signed -> request.getHeaders().putSingle(StatusAttestation.HEADER, signed));
        } catch (RuntimeException unsigned) {
            // Never fail a callback over its signature: the participant then asks for the status.
            LOG.debugf(unsigned, "%s goes unsigned", request.getUri());
        }
    }
}
