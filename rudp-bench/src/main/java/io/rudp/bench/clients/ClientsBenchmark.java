package io.rudp.bench.clients;

import io.rudp.ReliableSocket;
import io.rudp.RudpClient;
import io.rudp.RudpConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens N idle loopback connections from this JVM to a {@link ServerProcess} in a child JVM and
 * measures both sides: threads, heap, descriptors and RSS per connection, idle CPU, connect rate.
 * The client side is either one {@link RudpClient} (one socket, one driver thread) or N plain
 * {@link ReliableSocket}s (each its own socket and thread).
 */
public final class ClientsBenchmark {

    /** How the client side holds its connections. */
    public enum Kind {
        /** One {@link RudpClient}. */
        SHARED,
        /** One {@code new ReliableSocket(...)} per connection. */
        PLAIN
    }

    /** Threads that connect in parallel (they end before the idle measurement). */
    public static final int CONNECTOR_THREADS = 4;
    private static final long ANSWER_BOUND_SECONDS = 180;

    /**
     * One run's measurements.
     *
     * @param kind the client side's kind
     * @param connections how many connections were open during the measurement
     * @param connectNanos how long opening them took (all connector threads together)
     * @param connectRetries connects that failed and were tried again
     * @param clientBefore the client process before connecting
     * @param clientAfter the client process with every connection open (after a full GC)
     * @param serverBefore the server process before
     * @param serverAfter the server process with every connection accepted
     * @param idleNanos how long the idle window lasted
     * @param clientIdleCpuNanos CPU the client process used in the idle window
     * @param serverIdleCpuNanos CPU the server process used in the idle window
     * @param clientIdleGcMillis time the client process spent in GC in the idle window
     * @param serverIdleGcMillis time the server process spent in GC in the idle window
     */
    public record Result(Kind kind, int connections, long connectNanos, int connectRetries, ProcessSnapshot clientBefore,
            ProcessSnapshot clientAfter, ProcessSnapshot serverBefore, ProcessSnapshot serverAfter, long idleNanos,
            long clientIdleCpuNanos, long serverIdleCpuNanos, long clientIdleGcMillis, long serverIdleGcMillis) {

        /** Connections opened per second. */
        public double connectsPerSecond() {
            return connections * 1e9 / connectNanos;
        }

        /** Client heap per connection after a full GC, in bytes. */
        public double clientHeapPerConnection() {
            return (double) (clientAfter.heapBytes() - clientBefore.heapBytes()) / connections;
        }

        /** Server heap per connection after a full GC, in bytes. */
        public double serverHeapPerConnection() {
            return (double) (serverAfter.heapBytes() - serverBefore.heapBytes()) / connections;
        }

        /** Idle CPU of the client process, as a percentage of one core. */
        public double clientIdleCpuPercent() {
            return 100.0 * clientIdleCpuNanos / idleNanos;
        }

        /** Idle CPU of the server process, as a percentage of one core. */
        public double serverIdleCpuPercent() {
            return 100.0 * serverIdleCpuNanos / idleNanos;
        }
    }

    private ClientsBenchmark() {
    }

    /** The server's accept backlog: room for the connects of a GC pause of its accepting thread. */
    static final int ACCEPT_BACKLOG = 4096;

    /** Tries per connection before the run fails (a second apart). */
    static final int CONNECT_TRIES = 5;

    /**
     * The settings of both sides: defaults, with room for {@code connections}, and a patient
     * handshake (60 s, 20 sends of each packet): with the per-connection heap of today (two 64 KiB
     * session rings each) a side holding thousands of connections pauses for seconds in garbage
     * collection on a loaded machine, its socket buffer overflows meanwhile, and a default
     * handshake (10 s) can run out while it retransmits. The idle figures do not depend on it.
     */
    public static RudpConfig config(int connections) {
        return RudpConfig.builder().maxConnections(connections + 1024).handshakeTimeout(Duration.ofSeconds(60))
                .handshakeAttempts(20).acceptBacklog(ACCEPT_BACKLOG).build();
    }

    /**
     * Starts the server process, opens {@code connections} connections of {@code kind}, measures
     * both sides, waits {@code idle} measuring CPU, then closes everything.
     */
    public static Result run(Kind kind, int connections, Duration idle) throws Exception {
        // A previous run's plain sockets linger a few seconds after their abort (as TCP's
        // TIME_WAIT): their threads and descriptors must not count in this run's baseline.
        awaitNoDriverThreads(Duration.ofSeconds(60));
        Process child = startServer(connections);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8), true)) {
            int port = Integer.parseInt(answer(in, "port"));
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            out.println("snapshot");
            ProcessSnapshot serverBefore = ProcessSnapshot.decode(answer(in, "snapshot"));
            ProcessSnapshot clientBefore = ProcessSnapshot.take();
            RudpConfig config = config(connections);
            RudpClient client = kind == Kind.SHARED ? new RudpClient(new InetSocketAddress("127.0.0.1", 0), config) : null;
            List<ReliableSocket> sockets = new ArrayList<>(connections);
            try {
                long t0 = System.nanoTime();
                int retries = connectAll(kind, client, server, config, connections, sockets);
                long connectNanos = System.nanoTime() - t0;
                out.println("await " + connections);
                int accepted = Integer.parseInt(answer(in, "accepted"));
                if (accepted < connections) {
                    throw new IOException("the server accepted " + accepted + " of " + connections + " connections");
                }
                ProcessSnapshot clientAfter = ProcessSnapshot.take();
                out.println("snapshot");
                ProcessSnapshot serverAfter = ProcessSnapshot.decode(answer(in, "snapshot"));

                out.println("cpu");
                String[] server0 = answer(in, "cpu").split(" ");
                long clientCpu0 = ProcessSnapshot.processCpuNanos();
                long clientGc0 = ProcessSnapshot.gcMillis();
                long idle0 = System.nanoTime();
                Thread.sleep(idle.toMillis());
                long clientCpu1 = ProcessSnapshot.processCpuNanos();
                long clientGc1 = ProcessSnapshot.gcMillis();
                out.println("cpu");
                String[] server1 = answer(in, "cpu").split(" ");
                long idleNanos = System.nanoTime() - idle0;
                long serverCpu0 = Long.parseLong(server0[0]);
                long serverCpu1 = Long.parseLong(server1[0]);
                return new Result(kind, sockets.size(), connectNanos, retries, clientBefore, clientAfter, serverBefore, serverAfter,
                        idleNanos, clientCpu1 - clientCpu0, serverCpu1 - serverCpu0, clientGc1 - clientGc0,
                        Long.parseLong(server1[1]) - Long.parseLong(server0[1]));
            } finally {
                if (client != null) {
                    client.closeNow();
                }
                for (ReliableSocket s : sockets) {
                    s.abort("benchmark done");
                }
                out.println("quit");
            }
        } finally {
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    /** Opens the connections; returns how many connects failed and were retried. */
    private static int connectAll(Kind kind, RudpClient client, InetSocketAddress server, RudpConfig config,
            int connections, List<ReliableSocket> sockets) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTOR_THREADS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        try {
            List<Future<List<ReliableSocket>>> parts = new ArrayList<>();
            for (int t = 0; t < CONNECTOR_THREADS; t++) {
                parts.add(pool.submit(() -> {
                    List<ReliableSocket> mine = new ArrayList<>();
                    while (next.getAndIncrement() < connections) {
                        for (int attempt = 1; ; attempt++) {
                            try {
                                if (kind == Kind.SHARED) {
                                    mine.add(client.connect(server));
                                } else {
                                    ReliableSocket s = new ReliableSocket(server, config);
                                    try {
                                        s.connect();
                                    } catch (IOException e) {
                                        s.close();
                                        throw e;
                                    }
                                    mine.add(s);
                                }
                                break;
                            } catch (IOException e) {
                                if (attempt == CONNECT_TRIES) {
                                    throw new IOException("connect " + done.get() + " of " + connections + " failed "
                                            + CONNECT_TRIES + " times, the last: " + e.getMessage(), e);
                                }
                                retries.incrementAndGet();
                                Thread.sleep(1000); // a busy server (accept queue full) catches up
                            }
                        }
                        done.incrementAndGet();
                    }
                    return mine;
                }));
            }
            for (Future<List<ReliableSocket>> part : parts) {
                sockets.addAll(part.get(10 * ANSWER_BOUND_SECONDS, TimeUnit.SECONDS));
            }
            return retries.get();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitNoDriverThreads(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() - deadline < 0 && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("rudp-driver-"))) {
            Thread.sleep(100);
        }
    }

    private static Process startServer(int connections) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ServerProcess.class.getName(), Integer.toString(connections));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    /** Reads the next answer line, which must start with {@code word}; returns the rest. */
    private static String answer(BufferedReader in, String word) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server process ended before answering '" + word + "'");
        }
        if (!line.startsWith(word + " ")) {
            throw new IOException("the server process answered '" + line + "' instead of '" + word + " ...'");
        }
        return line.substring(word.length() + 1);
    }
}
