package io.rudp.bench.suite;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Process CPU time and peak heap over one scenario. CPU time is the whole process's (every
 * thread: both ends of a loopback transfer, the JIT and the garbage collector), from
 * {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}. Peak heap is the sum of the
 * heap memory pools' peak usage since {@link #start()} reset them (an upper bound of the heap in
 * use at any one instant).
 */
final class ResourceMeter {

    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans()
            .stream().filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();

    private final com.sun.management.OperatingSystemMXBean os;
    private long cpuStartNanos;
    private long wallStartNanos;

    ResourceMeter() {
        this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    /** A scenario's cost. */
    record Usage(long wallNanos, long cpuNanos, long peakHeapBytes) {
    }

    /** Collects garbage, resets the pools' peaks and notes the CPU time and the wall clock. */
    void start() {
        System.gc();
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            pool.resetPeakUsage();
        }
        cpuStartNanos = os.getProcessCpuTime();
        wallStartNanos = System.nanoTime();
    }

    /** The usage since {@link #start()}. */
    Usage stop() {
        long wall = System.nanoTime() - wallStartNanos;
        long cpu = os.getProcessCpuTime() - cpuStartNanos;
        long peak = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            peak += pool.getPeakUsage().getUsed();
        }
        return new Usage(wall, cpu, peak);
    }
}
