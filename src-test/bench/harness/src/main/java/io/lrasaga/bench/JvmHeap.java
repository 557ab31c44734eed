package io.lrasaga.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a JVM: what a full collection leaves, read with {@code jcmd}. It tells what
 * a process keeps from what its heap merely has not collected yet, which RSS cannot: a
 * leak grows it, a heap filling with garbage does not.
 */
final class JvmHeap {

    // "def new generation total 78656K, used 1234K [...]", "garbage-first heap total 262144K, used 12K [...]"
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private JvmHeap() {
    }

    /** Runs a full collection in {@code pid} and answers its heap in use afterwards; empty if jcmd failed. */
    static OptionalLong liveKb(long pid) {
        try {
            if (jcmd(pid, "GC.run") == null) {
                return OptionalLong.empty();
            }
            String info = jcmd(pid, "GC.heap_info");
            return info == null ? OptionalLong.empty() : usedKb(info);
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** The heap in use in {@code GC.heap_info}'s answer: the sum over its generations (metaspace aside). */
    static OptionalLong usedKb(String heapInfo) {
        Matcher used = USED.matcher(heapInfo);
        long sum = 0;
        boolean found = false;
        while (used.find()) {
            sum += Long.parseLong(used.group(1));
            found = true;
        }
        return found ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        return process.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8) : null;
    }
}
