package io.rudp.bench.idle;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.RudpConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link ReliableServer} on 127.0.0.1 holding {@code n} idle connections whose clients run
 * in a child JVM ({@link IdleClients}): the server's retained heap per connection after a full GC
 * (engine connection, session and rings, the driver's and endpoint's per-connection entries) and
 * the CPU time of the server's driver thread (which does all of an idle connection's work:
 * timers, datagrams in and out) over a window, less that of the same driver with no connection
 * over as long. The whole process's CPU time is reported too; it carries the JVM's own
 * housekeeping (JIT, GC), so it is the noisier figure.
 */
public final class RealServerIdle {

    private static final Duration ACCEPT_BOUND = Duration.ofSeconds(30);
    /** Connections opened before the "before" heap, so one-time costs are not counted per connection. */
    private static final int WARM_CONNECTIONS = 10;
    /**
     * The clients' keep-alive interval in this run: a hundred times the default rate, so that the
     * warm-up compiles the path (a few hundred connections pinging every 10 s would leave it
     * interpreted: over 200 us per keep-alive measured that way) and the windows hold enough
     * keep-alives to stand above the noise; the cost per keep-alive is then scaled to the default
     * 10 s interval.
     */
    public static final Duration KEEP_ALIVE = Duration.ofMillis(100);
    private static final double DEFAULT_KEEP_ALIVE_SECONDS = RudpConfig.defaults().keepAliveInterval().toNanos() / 1e9;
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private RealServerIdle() {
    }

    /**
     * What {@link #run} measured.
     *
     * @param connections connections held idle
     * @param serverHeapBytesPerConnection retained heap per connection on the server
     * @param clientHeapBytesPerSocket retained heap per client socket in the child JVM (each with its own driver)
     * @param idleCpuSecondsPerSecond the server driver's CPU seconds per second with the connections,
     *     less the empty server's
     * @param emptyCpuSecondsPerSecond the empty server driver's CPU seconds per second
     * @param processCpuSecondsPerSecond the server process's CPU seconds per second with the
     *     connections, less the empty server's (the JVM's own work included; may be negative noise)
     */
    public record Result(int connections, double serverHeapBytesPerConnection, double clientHeapBytesPerSocket,
            double idleCpuSecondsPerSecond, double emptyCpuSecondsPerSecond, double processCpuSecondsPerSecond) {

        /** Server driver CPU per keep-alive exchange (the client's PING in, the ACK out), in seconds. */
        public double cpuSecondsPerKeepAlive() {
            return idleCpuSecondsPerSecond / connections * KEEP_ALIVE.toNanos() / 1e9;
        }

        /**
         * The idle CPU of {@code count} connections at the default keep-alive interval, as a
         * fraction of one core: the cost per keep-alive times the keep-alives per second.
         */
        public double coreFractionFor(int count) {
            return cpuSecondsPerKeepAlive() * count / DEFAULT_KEEP_ALIVE_SECONDS;
        }
    }

    /**
     * Runs the measurement.
     *
     * @param n connections (one client socket, so one thread, each in the child JVM)
     * @param measure how long each CPU window lasts (empty server, then loaded)
     * @throws IOException if the server cannot start or the clients cannot connect
     */
    public static Result run(int n, Duration measure) throws IOException, InterruptedException {
        RudpConfig config = RudpConfig.defaults();
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), config)) {
            server.listen();
            long driver = driverThreadId(server.localAddress().getPort());
            Thread.sleep(1_000); // let the start-up settle
            long emptyDriver0 = threadCpuNanos(driver);
            long empty0 = processCpuNanos();
            Thread.sleep(measure.toMillis());
            long emptyCpu = processCpuNanos() - empty0;
            long emptyDriverCpu = threadCpuNanos(driver) - emptyDriver0;
            Process child = startClients(server.localAddress(), n);
            List<ClientConnection> accepted = new ArrayList<>(n);
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
                for (int i = 0; i < WARM_CONNECTIONS; i++) {
                    accepted.add(server.accept(ACCEPT_BOUND));
                }
                expect(out, "warm");
                long before = SimIdle.retainedHeapBytes();
                child.getOutputStream().write('\n');
                child.getOutputStream().flush();
                for (int i = WARM_CONNECTIONS; i < n; i++) {
                    accepted.add(server.accept(ACCEPT_BOUND));
                }
                String line = expect(out, "ready ");
                double clientPerSocket = Double.parseDouble(line.substring("ready ".length()));
                long with = SimIdle.retainedHeapBytes();
                Thread.sleep(WARM_UP.toMillis()); // steady keep-alives, compiled code
                long loadedDriver0 = threadCpuNanos(driver);
                long loaded0 = processCpuNanos();
                Thread.sleep(measure.toMillis());
                long loadedCpu = processCpuNanos() - loaded0;
                long loadedDriverCpu = threadCpuNanos(driver) - loadedDriver0;
                double seconds = measure.toNanos() / 1e9;
                return new Result(n, (double) (with - before) / (n - WARM_CONNECTIONS), clientPerSocket,
                        Math.max(0, loadedDriverCpu - emptyDriverCpu) / 1e9 / seconds, emptyDriverCpu / 1e9 / seconds,
                        (loadedCpu - emptyCpu) / 1e9 / seconds);
            } finally {
                child.getOutputStream().close(); // the clients close and exit
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    child.waitFor(10, TimeUnit.SECONDS);
                }
                for (ClientConnection c : accepted) {
                    try {
                        c.abort("benchmark over");
                    } catch (IOException | RuntimeException ignored) {
                        // closing anyway
                    }
                }
            }
        }
    }

    private static String expect(BufferedReader out, String prefix) throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IOException("the client JVM did not say '" + prefix.trim() + "': " + line);
        }
        return line;
    }

    private static Process startClients(InetSocketAddress server, int n) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xss256k", "-cp", System.getProperty("java.class.path"),
                IdleClients.class.getName(), server.getAddress().getHostAddress(), Integer.toString(server.getPort()),
                Integer.toString(n), Integer.toString(WARM_CONNECTIONS), Long.toString(KEEP_ALIVE.toMillis()));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    /** The id of the driver thread the server started ({@code rudp-driver-PORT}). */
    private static long driverThreadId(int port) throws IOException {
        String name = "rudp-driver-" + port;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        throw new IOException("no thread named " + name + ": the server's driver is named differently now");
    }

    private static long threadCpuNanos(long threadId) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Prints one run. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Result r = run(n, Duration.ofSeconds(seconds));
        System.out.println(r + String.format(" -> 10,000 connections: %.2f%% of a core", 100 * r.coreFractionFor(10_000)));
    }
}
