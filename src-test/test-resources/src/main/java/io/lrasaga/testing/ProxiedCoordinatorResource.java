package io.lrasaga.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.HoldingProxy;

/**
 * The real coordinator ({@link CoordinatorResource}) known to the service under test only by the
 * address of a {@link HoldingProxy} that keeps the {@code Host} header, as behind an ingress: the
 * coordinator names its LRAs after the proxy, so the service's starts, joins, status checks and
 * closes all pass it, and a test can {@link #proxy() arm} it to hold, drop or lose one of them.
 * The test JVM needs {@code -Djdk.httpclient.allowRestrictedHeaders=host}.
 */
public class ProxiedCoordinatorResource extends CoordinatorResource {

    private static volatile HoldingProxy proxy;

    /** The proxy of the running test resource. */
    public static HoldingProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        URI direct = URI.create(super.start().get("quarkus.lra.coordinator-url"));
        try {
            proxy = new HoldingProxy(FreePort.find(), direct.getScheme() + "://" + direct.getRawAuthority(), true);
        } catch (IOException e) {
            super.stop();
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.lra.coordinator-url", proxy.url() + direct.getRawPath());
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        super.stop();
    }
}
