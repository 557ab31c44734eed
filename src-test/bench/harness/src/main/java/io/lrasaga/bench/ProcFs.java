package io.lrasaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** What Linux's /proc says about a process: CPU time, memory, children. */
public final class ProcFs {

    /** Clock ticks of /proc/<pid>/stat, in ticks (see {@link #ticksPerSecond()}). */
    public record CpuTicks(long user, long system, long childrenUser, long childrenSystem) {

        public static final CpuTicks ZERO = new CpuTicks(0, 0, 0, 0);

        /**
         * Own time plus the time of children already waited for: PostgreSQL's postmaster reaps
         * its backends, so an ended connection's CPU stays counted.
         */
        public long total() {
            return user + system + childrenUser + childrenSystem;
        }

        public CpuTicks plus(CpuTicks other) {
            return new CpuTicks(user + other.user, system + other.system, childrenUser + other.childrenUser,
                    childrenSystem + other.childrenSystem);
        }
    }

    private static final Path PROC = Path.of("/proc");
    private static final long TICKS_PER_SECOND = readTicksPerSecond();

    private ProcFs() {
    }

    /**
     * Parses a /proc/<pid>/stat line. The command name (field 2) is in parentheses and may hold
     * spaces or parentheses itself, so fields are counted from the last ')'.
     */
    public static CpuTicks parseStat(String line) {
        String[] fields = fieldsAfterCommand(line);
        // fields[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
        return new CpuTicks(Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                Long.parseLong(fields[14]));
    }

    /** The parent pid (field 4) of a /proc/<pid>/stat line. */
    public static long parseParent(String line) {
        return Long.parseLong(fieldsAfterCommand(line)[1]);
    }

    private static String[] fieldsAfterCommand(String line) {
        int end = line.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        return line.substring(end + 1).trim().split("\\s+");
    }

    /** A {@code Key:   1234 kB} value of /proc/<pid>/status or smaps_rollup, in kB. */
    public static OptionalLong parseKb(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }

    /** CPU ticks of a running process; zero when it is gone. */
    public static CpuTicks cpu(long pid) {
        return read(pid, "stat").map(ProcFs::parseStat).orElse(CpuTicks.ZERO);
    }

    /** Resident set (VmRSS) in kB; 0 when the process is gone. */
    public static long rssKb(long pid) {
        return read(pid, "status").map(text -> parseKb(text, "VmRSS").orElse(0)).orElse(0L);
    }

    /** Proportional set (Pss) in kB: shared pages split between their users, so a sum over processes adds up. */
    public static long pssKb(long pid) {
        return read(pid, "smaps_rollup").map(text -> parseKb(text, "Pss").orElse(0)).orElse(0L);
    }

    /** Living children of a process. */
    public static List<Long> children(long parent) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        long pid = Long.parseLong(name);
                        read(pid, "stat").ifPresent(stat -> {
                            if (parseParent(stat) == parent) {
                                children.add(pid);
                            }
                        });
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return children;
    }

    /**
     * CPU ticks of the JVM's JIT compiler threads ("C1/C2 CompilerThread", shortened to 15
     * characters in /proc) of {@code pid}; 0 for a process that has none.
     */
    public static long jitTicks(long pid) {
        Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
        long sum = 0;
        try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    if (isCompilerThread(stat)) {
                        CpuTicks ticks = parseStat(stat);
                        sum += ticks.user() + ticks.system();
                    }
                } catch (IOException | RuntimeException exited) {
                    // a thread that ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return sum;
    }

    /** Whether a /proc/<pid>/task/<tid>/stat line is a JIT compiler thread's. */
    public static boolean isCompilerThread(String statLine) {
        int start = statLine.indexOf('(');
        int end = statLine.lastIndexOf(')');
        String comm = start < 0 || end < start ? "" : statLine.substring(start + 1, end);
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    public static long ticksPerSecond() {
        return TICKS_PER_SECOND;
    }

    private static java.util.Optional<String> read(long pid, String file) {
        try {
            return java.util.Optional.of(Files.readString(PROC.resolve(Long.toString(pid)).resolve(file)));
        } catch (IOException | RuntimeException gone) {
            return java.util.Optional.empty();
        }
    }

    // USER_HZ is 100 on every Linux build we run on; getconf confirms it where available.
    private static long readTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
