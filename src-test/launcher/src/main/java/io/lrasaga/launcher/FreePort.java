package io.lrasaga.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A TCP port on loopback that nothing listens on right now. */
public final class FreePort {

    /** Ports this JVM handed out: another caller may not have bound its port yet. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /**
     * The first of {@code count} consecutive free ports, for a whole system on one base port.
     * Below Linux's ephemeral range (32768 and up), so neither {@link #find()} (it skips ports handed out) nor the
     * outgoing connections of other processes take one of them before the system binds it.
     */
    public static int findRange(int count) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 10000 + random.nextInt(22000 - count);
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                free = !GIVEN.contains(port) && isFree(port);
            }
            if (free) {
                for (int port = base; port < base + count; port++) {
                    GIVEN.add(port);
                }
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A free port below the ephemeral range, never one this JVM handed out before: a port the
     * kernel picks ({@code new ServerSocket(0)}) is an ephemeral one, which another process's
     * outgoing connection can take in the seconds before the app started on it binds it (a
     * coordinator IT failed so: "Port … seems to be in use").
     */
    public static int find() {
        return findRange(1);
    }
}
