package io.lrasaga.launcher;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the launcher starts. Children still running when this JVM exits (a test run
 * aborted, an unhandled failure) are stopped, so no stray process keeps a port or a data
 * directory; {@link #stop} and {@link #kill} end one the two ways a process can end.
 */
final class ChildProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::reapOrphans, "lra-saga-orphan-reaper"));
    }

    private ChildProcesses() {
    }

    static Process track(Process process) {
        RUNNING.add(process);
        return process;
    }

    /** Graceful stop: SIGTERM, then SIGKILL if it does not exit within the grace period. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        RUNNING.remove(process);
    }

    /** A crash: SIGKILL, no shutdown hooks, no flushing. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        RUNNING.remove(process);
    }

    private static void reapOrphans() {
        RUNNING.forEach(Process::destroy);
        for (Process child : RUNNING) {
            try {
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        }
    }
}
