package io.lrasaga.clientpool;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.client.ClientBuilder;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Says at start which JAX-RS client builder the application got: shared clients for
 * Narayana's per-call clients only work if {@link SharedClientBuilder} is the one found.
 */
@ApplicationScoped
public class ClientBuilderCheck {

    private static final Logger LOG = Logger.getLogger(ClientBuilderCheck.class);

    void onStart(@Observes StartupEvent start, ClientPoolConfig config) {
        String found = inEffect().getName();
        if (config.shareClients() && !SharedClientBuilder.class.getName().equals(found)) {
            LOG.warnf("JAX-RS clients are not shared: the ClientBuilder found is %s (is RESTEasy's"
                    + " META-INF/services entry removed? quarkus.class-loading.removed-resources)", found);
        } else if (config.shareClients()) {
            LOG.infof("JAX-RS clients built unconfigured (Narayana's per-call clients) share one client");
        }
    }

    /** The builder {@code ClientBuilder.newBuilder()} gives in this application. */
    public static Class<?> inEffect() {
        return ClientBuilder.newBuilder().getClass();
    }
}
