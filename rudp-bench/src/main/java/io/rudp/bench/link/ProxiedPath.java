package io.rudp.bench.link;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.cli.proxy.ImpairmentProxy;
import io.rudp.cli.proxy.LinkSharing;
import io.rudp.cli.proxy.ProxyLimits;
import io.rudp.cli.proxy.ProxyStats;
import io.rudp.RudpConfig;
import io.rudp.core.EngineConfig;
import io.rudp.internal.PublicTypes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReliableServer} on 127.0.0.1 behind an {@link ImpairmentProxy} that emulates a
 * {@link LinkParams} path; clients connect to the proxy. Closing it aborts every connection it
 * made, shuts the server down and stops the proxy.
 */
public final class ProxiedPath implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final RudpConfig config;
    private final ReliableServer server;
    private final ImpairmentProxy proxy;
    private final List<ReliableSocket> clients = new ArrayList<>();
    private final List<ClientConnection> accepted = new ArrayList<>();

    private ProxiedPath(RudpConfig config, ReliableServer server, ImpairmentProxy proxy) {
        this.config = config;
        this.server = server;
        this.proxy = proxy;
    }

    /**
     * Starts the server and the proxy.
     *
     * @param link the emulated path (the same impairment both ways)
     * @param config the settings of both ends; its loopback datagram size is pinned to 1,200
     *     bytes, since the proxy stands in for an Internet path (both ends are on loopback)
     * @param sharing whether several clients share one bottleneck
     * @param seed the proxy's random decisions
     */
    public static ProxiedPath start(LinkParams link, EngineConfig config, LinkSharing sharing,
            long seed) throws IOException {
        // The link tables give one EngineConfig to the simulator and to this path: the socket API takes it as a RudpConfig.
        RudpConfig settings = PublicTypes.rudpConfig(config.toBuilder().loopbackDatagramBytes(EngineConfig.MIN_DATAGRAM_BYTES).build());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ReliableServer server = new ReliableServer(new InetSocketAddress(loopback, 0), settings);
        try {
            server.listen();
            ImpairmentProxy proxy = ImpairmentProxy.start(new InetSocketAddress(loopback, 0),
                    server.localAddress(), link.direction(), link.direction(), seed,
                    ProxyLimits.defaults().withMaxPendingBytes(256L << 20), sharing);
            return new ProxiedPath(settings, server, proxy);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A client connected through the proxy, and the server's side of it. */
    public record Pair(ReliableSocket client, ClientConnection server) { }

    /** Connects one more client through the proxy and accepts it on the server. */
    public Pair connect() throws IOException {
        ReliableSocket client = new ReliableSocket(proxy.localAddress(), config);
        clients.add(client);
        client.connect(CONNECT_TIMEOUT);
        ClientConnection conn = server.accept(CONNECT_TIMEOUT);
        accepted.add(conn);
        return new Pair(client, conn);
    }

    /** The proxy's counters now. */
    public ProxyStats proxyStats() {
        return proxy.stats();
    }

    /**
     * CPU time of the proxy's relay thread so far, in nanoseconds (0 if the JVM cannot tell), so
     * that the transport's CPU cost can be told apart from the emulator's.
     */
    public long proxyCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String name = "rudp-proxy-" + proxy.localAddress().getPort();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                long cpu = threads.getThreadCpuTime(t.getId());
                return Math.max(0, cpu);
            }
        }
        return 0;
    }

    /** Aborts every connection, shuts the server down and stops the proxy. */
    @Override
    public void close() {
        for (ReliableSocket c : clients) {
            quietly(() -> c.abort("benchmark over"));
        }
        for (ClientConnection c : accepted) {
            quietly(() -> c.abort("benchmark over"));
        }
        for (ReliableSocket c : clients) {
            quietly(c::close);
        }
        server.close();
        proxy.close();
    }

    /** CPU time of this whole process so far, in nanoseconds (0 if the JVM cannot tell). */
    public static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return Math.max(0, sun.getProcessCpuTime());
        }
        return 0;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void quietly(IoAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            // tearing down after the measurement: nothing to report
        }
    }
}
