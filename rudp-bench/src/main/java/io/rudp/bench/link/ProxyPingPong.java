package io.rudp.bench.link;

import io.rudp.ClientConnection;
import io.rudp.ReliableSocket;
import io.rudp.cli.proxy.LinkSharing;
import io.rudp.core.CongestionControl;
import io.rudp.core.EngineConfig;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Ping-pong latency through the impairment proxy: a client sends a 64-byte message, the server
 * echoes it, the client waits for the echo before sending the next, and the round trip of each
 * goes into an HdrHistogram. Several connections ping at once (each through its own link of the
 * proxy, {@value #DEFAULT_CONNECTIONS} by default) so that enough samples for a 99.9th percentile
 * fit in a short run; fewer connections mean fewer threads competing for the host's CPU. Each
 * connection first echoes {@value #WARMUP_PINGS} messages that are not recorded.
 */
public final class ProxyPingPong {

    /** Bytes per message. */
    public static final int MESSAGE_BYTES = 64;
    /** Connections pinging at once unless told otherwise. */
    public static final int DEFAULT_CONNECTIONS = 4;
    /** Echoes per connection before the recording starts (JIT, RTT estimate, startup). */
    static final int WARMUP_PINGS = 50;

    private ProxyPingPong() {
    }

    /**
     * Echoes {@code pings} messages in all (spread over the parallel connections).
     *
     * @throws IOException if a connection cannot be set up or breaks
     */
    public static LatencyResult run(CongestionControl controller, LinkParams link, int pings,
            long seed) throws IOException, InterruptedException {
        return run(controller, link, pings, DEFAULT_CONNECTIONS, seed);
    }

    /**
     * Echoes {@code pings} messages in all over {@code connections} connections pinging at once.
     *
     * @throws IOException if a connection cannot be set up or breaks
     */
    public static LatencyResult run(CongestionControl controller, LinkParams link, int pings,
            int connections, long seed) throws IOException, InterruptedException {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be positive, got " + connections);
        }
        EngineConfig config = EngineConfig.defaults().toBuilder().congestionControl(controller).build();
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        try (ProxiedPath path = ProxiedPath.start(link, config, LinkSharing.PER_CLIENT, seed)) {
            List<ProxiedPath.Pair> pairs = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                pairs.add(path.connect());
            }
            List<Thread> threads = new ArrayList<>();
            IOException[] failure = new IOException[1];
            for (int i = 0; i < connections; i++) {
                ProxiedPath.Pair pair = pairs.get(i);
                int count = pings / connections + (i < pings % connections ? 1 : 0);
                Thread echo = new Thread(() -> echo(pair.server()), "echo-" + i);
                Thread ping = new Thread(() -> {
                    try {
                        ping(pair.client(), count, histogram);
                    } catch (IOException e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    }
                }, "ping-" + i);
                echo.setDaemon(true);
                ping.setDaemon(true);
                echo.start();
                ping.start();
                threads.add(ping);
            }
            for (Thread t : threads) {
                t.join();
            }
            long retransmitted = 0;
            if (Boolean.getBoolean("rudp.bench.debug")) {
                for (ProxiedPath.Pair pair : pairs) {
                    System.err.println("client " + pair.client().stats());
                    System.err.println("server " + pair.server().stats());
                }
            }
            for (ProxiedPath.Pair pair : pairs) {
                retransmitted += pair.client().stats().retransmittedPackets()
                        + pair.server().stats().retransmittedPackets();
            }
            synchronized (failure) {
                if (failure[0] != null) {
                    throw failure[0];
                }
            }
            synchronized (histogram) {
                return new LatencyResult(controller, link, histogram.getTotalCount(),
                        millis(histogram.getValueAtPercentile(50)),
                        millis(histogram.getValueAtPercentile(99)),
                        millis(histogram.getValueAtPercentile(99.9)),
                        millis(histogram.getMaxValue()), retransmitted);
            }
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static void ping(ReliableSocket client, int count, Histogram histogram)
            throws IOException {
        byte[] message = new byte[MESSAGE_BYTES];
        byte[] echo = new byte[MESSAGE_BYTES];
        for (int i = -WARMUP_PINGS; i < count; i++) {
            message[0] = (byte) i;
            long sent = System.nanoTime();
            client.send(message);
            readFully(client, echo);
            long rtt = System.nanoTime() - sent;
            if (echo[0] != message[0]) {
                throw new IOException("echo out of order: got " + echo[0] + ", sent " + message[0]);
            }
            if (i >= 0) {
                synchronized (histogram) {
                    histogram.recordValue(Math.min(rtt, histogram.getHighestTrackableValue()));
                }
            }
        }
    }

    private static void echo(ClientConnection server) {
        byte[] buf = new byte[MESSAGE_BYTES];
        try {
            while (true) {
                readFully(server, buf);
                server.send(buf);
            }
        } catch (IOException | RuntimeException e) {
            // the client is done and the path closes
        }
    }

    private static void readFully(io.rudp.ReliableSocket s, byte[] buf) throws IOException {
        int got = 0;
        while (got < buf.length) {
            int n = s.receive(buf, got, buf.length - got);
            if (n < 0) {
                throw new EOFException("the stream ended inside an echo");
            }
            got += n;
        }
    }

    private static void readFully(ClientConnection s, byte[] buf) throws IOException {
        int got = 0;
        while (got < buf.length) {
            int n = s.receive(buf, got, buf.length - got);
            if (n < 0) {
                throw new EOFException("the stream ended inside a message");
            }
            got += n;
        }
    }
}
