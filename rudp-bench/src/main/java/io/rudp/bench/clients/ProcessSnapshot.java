package io.rudp.bench.clients;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one process holds at an instant, measured from inside it: heap in use after a full
 * collection, live threads (all, and rudp's driver threads), open file descriptors and resident
 * set size (Linux {@code /proc}; -1 elsewhere), and CPU time used so far.
 *
 * @param heapBytes heap in use after {@code System.gc()} (twice)
 * @param liveThreads every live thread of the JVM (its own housekeeping threads included)
 * @param rudpThreads live threads named {@code rudp-driver-*}
 * @param fds open file descriptors, or -1 if {@code /proc/self/fd} is not readable
 * @param rssBytes resident set size, or -1 if {@code /proc/self/status} is not readable
 * @param cpuNanos CPU time of the whole process so far
 */
public record ProcessSnapshot(long heapBytes, int liveThreads, int rudpThreads, long fds, long rssBytes, long cpuNanos) {

    /** Collects garbage, then measures this process. */
    public static ProcessSnapshot take() {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int rudp = 0;
        int live = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                live++;
                if (t.getName().startsWith("rudp-driver-")) {
                    rudp++;
                }
            }
        }
        return new ProcessSnapshot(heap, live, rudp, openFds(), readRssBytes(), processCpuNanos());
    }

    /** Milliseconds this process spent in garbage collection so far (every collector). */
    public static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** CPU time of this whole process so far. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long openFds() {
        Path dir = Path.of("/proc/self/fd");
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long readRssBytes() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** One line, {@code key=value} pairs, for the child process's answers. */
    public String encode() {
        return "heap=" + heapBytes + " threads=" + liveThreads + " rudp=" + rudpThreads + " fds=" + fds + " rss=" + rssBytes
                + " cpu=" + cpuNanos;
    }

    /** Reads a line written by {@link #encode()}. */
    public static ProcessSnapshot decode(String line) {
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return new ProcessSnapshot(values.get("heap"), values.get("threads").intValue(), values.get("rudp").intValue(),
                values.get("fds"), values.get("rss"), values.get("cpu"));
    }
}
