package io.lrasaga.bench;

import java.util.List;
import java.util.function.Supplier;

/**
 * One measured process, or a process tree counted as one (PostgreSQL: postmaster and
 * backends). Memory of a single process is its RSS; of a tree, the sum of PSS, so shared
 * buffers are not counted once per backend.
 */
public final class MeasuredProcess {

    private final String name;
    private final Supplier<List<Long>> pids;

    private MeasuredProcess(String name, Supplier<List<Long>> pids) {
        this.name = name;
        this.pids = pids;
    }

    public static MeasuredProcess single(String name, long pid) {
        return new MeasuredProcess(name, () -> List.of(pid));
    }

    /** A process and its living children. */
    public static MeasuredProcess tree(String name, long root) {
        return new MeasuredProcess(name, () -> {
            List<Long> all = new java.util.ArrayList<>();
            all.add(root);
            all.addAll(ProcFs.children(root));
            return all;
        });
    }

    public String name() {
        return name;
    }

    public ProcFs.CpuTicks cpu() {
        ProcFs.CpuTicks sum = ProcFs.CpuTicks.ZERO;
        for (long pid : pids.get()) {
            sum = sum.plus(ProcFs.cpu(pid));
        }
        return sum;
    }

    /** CPU ticks of JIT compilation (compiler threads) so far. */
    public long jitTicks() {
        return pids.get().stream().mapToLong(ProcFs::jitTicks).sum();
    }

    public long memoryKb() {
        List<Long> all = pids.get();
        if (all.size() == 1) {
            return ProcFs.rssKb(all.get(0));
        }
        return all.stream().mapToLong(ProcFs::pssKb).sum();
    }
}
