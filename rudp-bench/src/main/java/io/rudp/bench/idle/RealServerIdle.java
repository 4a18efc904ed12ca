package io.rudp.bench.idle;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.core.RudpConfig;
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
 * the server process's CPU time while idle, less the CPU time of the same server with no
 * connection over as long (JIT, GC and other JVM housekeeping).
 */
public final class RealServerIdle {

    private static final Duration ACCEPT_BOUND = Duration.ofSeconds(30);

    private RealServerIdle() {
    }

    /**
     * What {@link #run} measured.
     *
     * @param connections connections held idle
     * @param serverHeapBytesPerConnection retained heap per connection on the server
     * @param clientHeapBytesPerSocket retained heap per client socket in the child JVM (each with its own driver)
     * @param idleCpuSecondsPerSecond server CPU seconds per second with the connections, less the empty server's
     * @param emptyCpuSecondsPerSecond the empty server's CPU seconds per second
     */
    public record Result(int connections, double serverHeapBytesPerConnection, double clientHeapBytesPerSocket,
            double idleCpuSecondsPerSecond, double emptyCpuSecondsPerSecond) {

        /** The idle CPU extrapolated to {@code count} connections, as a fraction of one core. */
        public double coreFractionFor(int count) {
            return idleCpuSecondsPerSecond / connections * count;
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
            long empty0 = processCpuNanos();
            Thread.sleep(measure.toMillis());
            long emptyCpu = processCpuNanos() - empty0;
            long before = SimIdle.retainedHeapBytes();

            Process child = startClients(server.localAddress(), n);
            List<ClientConnection> accepted = new ArrayList<>(n);
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
                for (int i = 0; i < n; i++) {
                    accepted.add(server.accept(ACCEPT_BOUND));
                }
                String line = out.readLine();
                if (line == null || !line.startsWith("ready ")) {
                    throw new IOException("the client JVM did not get ready: " + line);
                }
                double clientPerSocket = Double.parseDouble(line.substring("ready ".length()));
                long with = SimIdle.retainedHeapBytes();
                long loaded0 = processCpuNanos();
                Thread.sleep(measure.toMillis());
                long loadedCpu = processCpuNanos() - loaded0;
                double seconds = measure.toNanos() / 1e9;
                return new Result(n, (double) (with - before) / n, clientPerSocket,
                        Math.max(0, loadedCpu - emptyCpu) / 1e9 / seconds, emptyCpu / 1e9 / seconds);
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

    private static Process startClients(InetSocketAddress server, int n) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xss256k", "-cp", System.getProperty("java.class.path"),
                IdleClients.class.getName(), server.getAddress().getHostAddress(), Integer.toString(server.getPort()),
                Integer.toString(n));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
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
