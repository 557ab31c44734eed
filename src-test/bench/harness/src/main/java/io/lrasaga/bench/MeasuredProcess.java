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
    private final boolean jvm;

    private MeasuredProcess(String name, Supplier<List<Long>> pids, boolean jvm) {
        this.name = name;
        this.pids = pids;
        this.jvm = jvm;
    }

    /** A Java process: its live heap can be measured too. */
    public static MeasuredProcess jvm(String name, long pid) {
        return new MeasuredProcess(name, () -> List.of(pid), true);
    }

    /** A process and its living children. */
    public static MeasuredProcess tree(String name, long root) {
        return new MeasuredProcess(name, () -> {
            List<Long> all = new java.util.ArrayList<>();
            all.add(root);
            all.addAll(ProcFs.children(root));
            return all;
        }, false);
    }

    /** A Java process's heap after a full collection (which this runs); empty for other processes. */
    public java.util.OptionalLong liveHeapKb() {
        return jvm ? JvmHeap.liveKb(pids.get().get(0)) : java.util.OptionalLong.empty();
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
