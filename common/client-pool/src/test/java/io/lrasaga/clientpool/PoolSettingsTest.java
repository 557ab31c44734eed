package io.lrasaga.clientpool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.time.Duration;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

/** The defaults used outside Quarkus are the ones documented on the configuration mapping. */
class PoolSettingsTest {

    @Test
    void fallbackDefaultsMatchTheMapping() throws Exception {
        PoolSettings d = PoolSettings.DEFAULTS;
        assertEquals(String.valueOf(d.enabled()), defaultOf("enabled"));
        assertEquals(String.valueOf(d.shareClients()), defaultOf("shareClients"));
        assertEquals(String.valueOf(d.maxConnections()), defaultOf("maxConnections"));
        assertEquals(String.valueOf(d.maxConnectionsPerHost()), defaultOf("maxConnectionsPerHost"));
        assertEquals(d.defaultReadTimeout(), duration(defaultOf("defaultReadTimeout")));
        assertEquals(d.idleTimeout(), duration(defaultOf("idleTimeout")));
        assertEquals(d.validateAfterInactivity(), duration(defaultOf("validateAfterInactivity")));
    }

    private static String defaultOf(String method) throws NoSuchMethodException {
        Method m = ClientPoolConfig.class.getMethod(method);
        return m.getAnnotation(WithDefault.class).value();
    }

    private static Duration duration(String text) {
        return Duration.parse("PT" + text.toUpperCase());
    }
}
