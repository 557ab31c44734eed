package io.lrasaga.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU ticks and memory of every measured process at one moment. */
public record ProcessSnapshot(long nanoTime, Map<String, ProcFs.CpuTicks> cpu, Map<String, Long> jitTicks,
        Map<String, Long> memoryKb) {

    public static ProcessSnapshot take(List<MeasuredProcess> processes) {
        Map<String, ProcFs.CpuTicks> cpu = new LinkedHashMap<>();
        Map<String, Long> jit = new LinkedHashMap<>();
        Map<String, Long> memory = new LinkedHashMap<>();
        for (MeasuredProcess process : processes) {
            cpu.put(process.name(), process.cpu());
            jit.put(process.name(), process.jitTicks());
            memory.put(process.name(), process.memoryKb());
        }
        return new ProcessSnapshot(System.nanoTime(), cpu, jit, memory);
    }

    /** CPU milliseconds each process spent between {@code earlier} and this snapshot. */
    public Map<String, Double> cpuMillisSince(ProcessSnapshot earlier) {
        Map<String, Double> millis = new LinkedHashMap<>();
        cpu.forEach((name, ticks) -> {
            ProcFs.CpuTicks before = earlier.cpu().getOrDefault(name, ProcFs.CpuTicks.ZERO);
            millis.put(name, (ticks.total() - before.total()) * 1000.0 / ProcFs.ticksPerSecond());
        });
        return millis;
    }

    /** CPU milliseconds of JIT compilation over all processes between {@code earlier} and this snapshot. */
    public double jitMillisSince(ProcessSnapshot earlier) {
        long ticks = 0;
        for (Map.Entry<String, Long> entry : jitTicks.entrySet()) {
            ticks += entry.getValue() - earlier.jitTicks().getOrDefault(entry.getKey(), 0L);
        }
        return ticks * 1000.0 / ProcFs.ticksPerSecond();
    }
}
