package io.rudp.bench;

import com.sun.management.OperatingSystemMXBean;
import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One connection moving a payload one way over loopback, through rudp (default and 64 KiB
 * datagrams) and through TCP, in the same JVM and run: goodput and process CPU time per GiB
 * (both ends together, since both run in this process).
 *
 * <p>Run: {@code mvn -q -B package -DskipTests && java -cp rudp-bench/target/rudp-bench.jar
 * io.rudp.bench.LoopbackBenchmark [MiB]} (default 1024). The earlier, single-connection version of
 * {@code rudp bench --only loopback} (which adds parallel connections, raw UDP, repetitions and
 * peak heap), kept so that the figures of its time can be reproduced; it uses 4 MiB buffers.
 */
public final class LoopbackBenchmark {

    private static final int CHUNK = 64 * 1024;

    private LoopbackBenchmark() {
    }

    /** One measured transfer. */
    record Result(String name, long bytes, long wallNanos, long cpuNanos) {
        double gbitPerSecond() {
            return bytes * 8.0 / wallNanos;
        }

        double cpuSecondsPerGiB() {
            return cpuNanos / 1e9 / (bytes / (double) (1L << 30));
        }
    }

    /** A transfer to measure. */
    interface Transfer {
        void run(long bytes) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        long bytes = mib << 20;
        RudpConfig defaults = RudpConfig.builder().sendBufferBytes(4 << 20).receiveBufferBytes(4 << 20)
                .loopbackDatagramBytes(RudpConfig.MIN_DATAGRAM_BYTES).build();
        RudpConfig jumbo = defaults.toBuilder().loopbackDatagramBytes(65_507).build();
        System.out.printf(Locale.ROOT, "One connection, %d MiB one way over loopback, sender and receiver in this JVM (%s, %d cores)%n%n",
                mib, Runtime.version(), Runtime.getRuntime().availableProcessors());
        // Warm-up of each path, then the measured runs.
        measure("warm-up", Math.min(bytes, 64L << 20), b -> rudp(defaults, b));
        measure("warm-up", Math.min(bytes, 64L << 20), LoopbackBenchmark::tcp);
        Result[] results = {
            measure("rudp, 1,200-byte datagrams", bytes, b -> rudp(defaults, b)),
            measure("rudp, 65,507-byte datagrams", bytes, b -> rudp(jumbo, b)),
            measure("TCP (java.net.Socket)", bytes, LoopbackBenchmark::tcp),
        };
        System.out.println("| transport | goodput | wall time | CPU time per GiB (both ends) |");
        System.out.println("|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %.2f Gbit/s | %.2f s | %.2f s |%n",
                    r.name(), r.gbitPerSecond(), r.wallNanos() / 1e9, r.cpuSecondsPerGiB());
        }
    }

    static Result measure(String name, long bytes, Transfer transfer) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        transfer.run(bytes);
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        return new Result(name, bytes, wall, cpu);
    }

    static void rudp(RudpConfig config, long bytes) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ReliableServer server = new ReliableServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), config)) {
            server.listen();
            Future<Long> received = pool.submit(() -> {
                ClientConnection c = server.accept(Duration.ofSeconds(30));
                byte[] buf = new byte[CHUNK];
                long total = 0;
                int n;
                while ((n = c.receive(buf, 0, buf.length)) >= 0) {
                    total += n;
                }
                c.close();
                return total;
            });
            try (ReliableSocket sock = new ReliableSocket(server.localAddress(), config)) {
                sock.connect();
                byte[] chunk = new byte[CHUNK];
                for (long sent = 0; sent < bytes; sent += CHUNK) {
                    sock.send(chunk, 0, (int) Math.min(CHUNK, bytes - sent));
                }
                sock.shutdownOutput();
                check(received.get(10, TimeUnit.MINUTES), bytes);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void tcp(long bytes) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<Long> received = pool.submit(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[CHUNK];
                    long total = 0;
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        total += n;
                    }
                    return total;
                }
            });
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 OutputStream out = s.getOutputStream()) {
                byte[] chunk = new byte[CHUNK];
                for (long sent = 0; sent < bytes; sent += CHUNK) {
                    out.write(chunk, 0, (int) Math.min(CHUNK, bytes - sent));
                }
                s.shutdownOutput();
                check(received.get(10, TimeUnit.MINUTES), bytes);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(long received, long expected) throws IOException {
        if (received != expected) {
            throw new IOException("received " + received + " of " + expected + " bytes");
        }
    }
}
