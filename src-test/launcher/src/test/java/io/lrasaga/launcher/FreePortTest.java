package io.lrasaga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Ports for apps that bind them seconds later: outside the kernel's ephemeral range, never twice. */
class FreePortTest {

    private static final int EPHEMERAL_FROM = 32768;

    @Test
    void portsAreBindableBelowTheEphemeralRangeAndNeverHandedOutTwice() throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePort.find();
            assertTrue(port >= 10000 && port < EPHEMERAL_FROM, "port " + port);
            assertTrue(ports.add(port), "handed out twice: " + port);
        }
        int port = FreePort.find();
        try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, bound.getLocalPort());
        }
    }
}
