package io.lrasaga.coordinator.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;

import io.lrasaga.clientpool.ClientBuilderCheck;
import io.lrasaga.clientpool.SharedClientBuilder;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.resteasy.client.jaxrs.ResteasyClient;
import org.junit.jupiter.api.Test;

/**
 * In the coordinator, {@code ClientBuilder.newClient()} — how Narayana makes every participant
 * callback — gives handles on one client (RESTEasy's own builder entry is removed), and that
 * client carries the coordinator's client filters (LraStatusSignerTest sees them at work).
 */
@QuarkusTest
class SharedCallbackClientTest {

    @Test
    void narayanasPerCallClientsAreHandlesOnOneClient() {
        assertEquals(SharedClientBuilder.class, ClientBuilderCheck.inEffect());
        Client first = ClientBuilder.newClient();
        Client second = ClientBuilder.newClient();
        try {
            assertSame(((ResteasyClient) first).asyncInvocationExecutor(), ((ResteasyClient) second).asyncInvocationExecutor());
            assertSame(first.getConfiguration(), second.getConfiguration());
            assertEquals(true, first.getConfiguration().isRegistered(LraStatusSigner.class));
        } finally {
            first.close();
            second.close();
        }
    }
}
