package io.rudp.bench.idle;

import io.rudp.core.Connection;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.SimulatedNetwork;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/**
 * Many idle connections between two engines on the simulator (virtual time, no threads or
 * sockets): the heap each connection keeps on each side after a full GC, and what an idle
 * connection costs per second in datagrams and timer wake-ups on each side.
 *
 * <p>Each of {@code n} connections is opened (one at a time over one virtual second, as clients arrive),
 * moves {@code exchangeBytes} each way, and then stays idle; the counts are taken over
 * {@code measureSeconds} after {@code settleSeconds} of quiet (longer than the keep-alive
 * interval, so buffers that shrink when quiet have shrunk). Heap: used heap after
 * {@link System#gc()} (a full collection unless the JVM was told otherwise) before the
 * connections, with them, and with the client side's connections ended and dropped; the
 * differences divided by {@code n}. The client side's figure includes its entries in the
 * endpoint's tables; the ended ids the client endpoint then remembers (a few dozen bytes each,
 * for a minute) count against it, so it is, if anything, a little low and the server's a little high.
 *
 * <pre>java -cp rudp-bench.jar io.rudp.bench.idle.SimIdle [connections] [exchangeBytes]</pre>
 */
public final class SimIdle {

    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final long APP_TURN_NANOS = 5_000_000L;

    private SimIdle() {
    }

    /**
     * What {@link #run} measured.
     *
     * @param connections connections held idle
     * @param clientHeapBytesPerConnection retained heap per connection, client side
     * @param serverHeapBytesPerConnection retained heap per connection, server side
     * @param clientDatagramsPerSecond datagrams the client side sent per idle connection per second
     * @param serverDatagramsPerSecond datagrams the server side sent per idle connection per second
     * @param clientTimersPerSecond connection timers fired on the client side per idle connection per second
     * @param serverTimersPerSecond connection timers fired on the server side per idle connection per second
     * @param clientWakeUpsPerSecond wake-ups of the client engine (handleTimeout calls) per idle
     *     connection per second: fewer than the timers when deadlines coincide
     * @param serverWakeUpsPerSecond wake-ups of the server engine per idle connection per second
     * @param connectionLimit the server endpoint's connection limit and where it came from
     */
    public record Result(int connections, double clientHeapBytesPerConnection, double serverHeapBytesPerConnection,
            double clientDatagramsPerSecond, double serverDatagramsPerSecond, double clientTimersPerSecond,
            double serverTimersPerSecond, double clientWakeUpsPerSecond,
            double serverWakeUpsPerSecond, String connectionLimit) {
    }

    /**
     * Opens {@code n} connections, lets them go idle and measures them.
     *
     * @throws IllegalStateException if a connection cannot be opened or one closes while idle
     */
    public static Result run(EngineConfig config, int n, int exchangeBytes, long settleSeconds, long measureSeconds,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedNetwork network = new SimulatedNetwork(random.nextLong());
        Endpoint server = new Endpoint(config, random.split());
        Endpoint client = new Endpoint(config, random.split());
        CountingEngine serverCounts = new CountingEngine(server);
        CountingEngine clientCounts = new CountingEngine(client);
        InetSocketAddress serverAddress = network.attach(serverCounts);
        network.attach(clientCounts);
        server.listen();
        long before = retainedHeapBytes();

        Connection[] clients = new Connection[n];
        Connection[] servers = new Connection[n];
        int[] accepted = {0};
        long connectGapNanos = Math.max(1, SECOND_NANOS / n);
        for (int i = 0; i < n; i++) {
            // One at a time over a virtual second, so that no two connections share a timer
            // instant: each endpoint wake-up then stands for one connection's timer.
            clients[i] = client.connect(network.nowNanos(), serverAddress);
            network.runFor(connectGapNanos);
            acceptAll(server, servers, accepted);
        }
        if (!network.runUntil(() -> acceptAll(server, servers, accepted) == n, 30 * SECOND_NANOS)) {
            throw new IllegalStateException(accepted[0] + " of " + n + " connections accepted: " + network.describe());
        }
        exchange(network, clients, servers, exchangeBytes);
        network.runFor(settleSeconds * SECOND_NANOS);
        long[] client0 = clientCounts.counts();
        long[] server0 = serverCounts.counts();
        long clientFired0 = client.timerFirings();
        long serverFired0 = server.timerFirings();
        network.runFor(measureSeconds * SECOND_NANOS);
        long[] client1 = clientCounts.counts();
        long[] server1 = serverCounts.counts();
        double clientFired = (client.timerFirings() - clientFired0) / ((double) n * measureSeconds);
        double serverFired = (server.timerFirings() - serverFired0) / ((double) n * measureSeconds);
        for (int i = 0; i < n; i++) {
            if (!clients[i].isEstablished() || !servers[i].isEstablished()) {
                throw new IllegalStateException("connection " + i + " did not stay open while idle: client "
                        + clients[i].state() + " " + clients[i].closeReason() + ", server " + servers[i].state());
            }
        }
        long with = retainedHeapBytes();
        client.abandonAll(network.nowNanos(), "measured");
        java.util.Arrays.fill(clients, null);
        long serverOnly = retainedHeapBytes();
        String limit = server.connectionLimit().toString();
        double perConnectionSecond = (double) n * measureSeconds;
        Result result = new Result(n, (double) (with - serverOnly) / n, (double) (serverOnly - before) / n,
                (client1[2] - client0[2]) / perConnectionSecond, (server1[2] - server0[2]) / perConnectionSecond,
                clientFired, serverFired, (client1[0] - client0[0]) / perConnectionSecond,
                (server1[0] - server0[0]) / perConnectionSecond, limit);
        java.lang.ref.Reference.reachabilityFence(servers);
        java.lang.ref.Reference.reachabilityFence(network);
        return result;
    }

    private static int acceptAll(Endpoint server, Connection[] servers, int[] accepted) {
        Connection c;
        while ((c = server.pollAccepted()) != null) {
            servers[accepted[0]++] = c;
        }
        return accepted[0];
    }

    /** Each connection writes {@code bytes} each way and reads all of the peer's. */
    private static void exchange(SimulatedNetwork network, Connection[] clients, Connection[] servers, int bytes) {
        if (bytes == 0) {
            return;
        }
        byte[] data = new byte[bytes];
        byte[] sink = new byte[64 * 1024];
        long[] readByClient = new long[clients.length];
        long[] readByServer = new long[servers.length];
        int[] writtenByClient = new int[clients.length];
        int[] writtenByServer = new int[servers.length];
        long giveUpNanos = network.nowNanos() + 120 * SECOND_NANOS;
        boolean done = false;
        while (!done && network.nowNanos() - giveUpNanos < 0) {
            // Application turns every 5 ms of virtual time: checking every connection after each
            // simulator event would make the exchange quadratic in the number of connections.
            done = true;
            for (int i = 0; i < clients.length; i++) {
                long now = network.nowNanos();
                writtenByClient[i] += clients[i].write(now, data, writtenByClient[i], bytes - writtenByClient[i]);
                writtenByServer[i] += servers[i].write(now, data, writtenByServer[i], bytes - writtenByServer[i]);
                int r;
                while ((r = clients[i].read(sink, 0, sink.length)) > 0) {
                    readByClient[i] += r;
                }
                while ((r = servers[i].read(sink, 0, sink.length)) > 0) {
                    readByServer[i] += r;
                }
                done &= readByClient[i] == bytes && readByServer[i] == bytes;
            }
            if (!done) {
                network.runFor(APP_TURN_NANOS);
            }
        }
        if (!done) {
            throw new IllegalStateException("the exchange of " + bytes + " bytes did not finish: " + network.describe());
        }
    }

    /** Used heap after full collections, once it stops falling. */
    static long retainedHeapBytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    /** Prints one run's figures. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int exchange = args.length > 1 ? Integer.parseInt(args[1]) : 65_536;
        EngineConfig config = args.length > 2 ? EngineConfig.builder().maxConnections(Integer.parseInt(args[2])).build() : EngineConfig.defaults();
        Result r = run(config, n, exchange, 30, 60, 42);
        System.out.println(r);
    }
}
