package io.lrasaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One line saying what the figures were measured on. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            memKb = ProcFs.parseKb(Files.readString(Path.of("/proc/meminfo")), "MemTotal").orElse(0);
        } catch (IOException e) {
            // described as unknown
        }
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB, %s %s, Java %s", Runtime.getRuntime()
                .availableProcessors(), cpu, memKb / 1024.0 / 1024.0, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
