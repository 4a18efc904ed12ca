package io.rudp.bench.link;

import io.rudp.cli.proxy.ImpairmentProxy;
import io.rudp.cli.proxy.LinkSharing;
import io.rudp.cli.proxy.ProxyLimits;
import io.rudp.cli.proxy.ProxyStats;
import io.rudp.testkit.LinkConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks the proxy itself: raw UDP datagrams of 1,200 bytes offered at 120% of the link's rate
 * through the proxy, counted at the far side. A proxy that shapes accurately delivers the link's
 * rate (less what its queue drops is the excess); one that cannot keep up delivers less.
 */
public final class ProxyBlast {

    private static final int DATAGRAM_BYTES = 1_200;
    private static final double OVERLOAD = 1.2;

    private ProxyBlast() {
    }

    /**
     * What the blast measured.
     *
     * @param rateMbps the emulated capacity
     * @param offeredMbps what the sender offered
     * @param deliveredMbps what arrived at the receiver, over the run after a 1 s warm-up
     * @param queueDrops datagrams the proxy's queue dropped
     * @param proxyCpuSeconds CPU time of the proxy's thread
     * @param seconds the measured window
     */
    public record Result(double rateMbps, double offeredMbps, double deliveredMbps,
            long queueDrops, double proxyCpuSeconds, double seconds) {
    }

    /** Blasts through a proxy emulating {@code link} (upstream direction) for {@code duration}. */
    public static Result run(LinkParams link, Duration duration)
            throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (DatagramChannel sink = DatagramChannel.open();
                DatagramChannel source = DatagramChannel.open()) {
            sink.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            sink.bind(new InetSocketAddress(loopback, 0));
            source.bind(new InetSocketAddress(loopback, 0));
            LinkConfig up = link.direction();
            try (ImpairmentProxy proxy = ImpairmentProxy.start(new InetSocketAddress(loopback, 0),
                    (InetSocketAddress) sink.getLocalAddress(), up, LinkConfig.perfect(), 1,
                    ProxyLimits.defaults(), LinkSharing.PER_CLIENT)) {
                AtomicLong received = new AtomicLong();
                Thread reader = new Thread(() -> count(sink, received), "blast-reader");
                reader.setDaemon(true);
                reader.start();
                long offeredBits = (long) (link.rateBitsPerSecond() * OVERLOAD);
                long gapNanos = DATAGRAM_BYTES * 8L * 1_000_000_000L / offeredBits;
                ByteBuffer datagram = ByteBuffer.allocate(DATAGRAM_BYTES);
                InetSocketAddress to = proxy.localAddress();
                long start = System.nanoTime();
                long end = start + duration.toNanos();
                long warm = start + Math.min(1_000_000_000L, duration.toNanos() / 2);
                long next = start;
                long sent = 0;
                long warmBytes = -1;
                long warmAt = 0;
                long proxyCpuStart = cpuOf(proxy);
                while (true) {
                    long now = System.nanoTime();
                    if (now - end >= 0) {
                        break;
                    }
                    if (warmBytes < 0 && now - warm >= 0) {
                        warmBytes = received.get();
                        warmAt = now;
                    }
                    while (next - now <= 0) {
                        datagram.clear();
                        source.send(datagram, to);
                        sent++;
                        next += gapNanos;
                    }
                    Thread.onSpinWait();
                }
                long endBytes = received.get();
                long endAt = System.nanoTime();
                double seconds = (endAt - warmAt) / 1e9;
                ProxyStats stats = proxy.stats();
                double proxyCpu = (cpuOf(proxy) - proxyCpuStart) / 1e9;
                sink.close(); // ends the reader
                reader.join(5_000);
                return new Result(link.rateBitsPerSecond() / 1e6,
                        sent * DATAGRAM_BYTES * 8 / ((endAt - start) / 1e9) / 1e6,
                        ProxyGoodput.mbps(endBytes - warmBytes, seconds),
                        stats.up().queueDropped(), proxyCpu, seconds);
            }
        }
    }

    /** One line for people. */
    public static String describe(Result r) {
        return String.format(Locale.ROOT, "proxy blast: capacity %.1f Mbit/s, offered %.1f,"
                + " delivered %.1f Mbit/s over %.1f s (%.1f%% of capacity), %d queue drops,"
                + " proxy thread CPU %.2f s", r.rateMbps(), r.offeredMbps(), r.deliveredMbps(),
                r.seconds(), 100 * r.deliveredMbps() / r.rateMbps(), r.queueDrops(),
                r.proxyCpuSeconds());
    }

    private static long cpuOf(ImpairmentProxy proxy) {
        java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        String name = "rudp-proxy-" + proxy.localAddress().getPort();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return 0;
    }

    private static void count(DatagramChannel sink, AtomicLong received) {
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        try {
            while (true) {
                buf.clear();
                sink.receive(buf);
                received.addAndGet(buf.position());
            }
        } catch (IOException e) {
            // closed at the end of the run
        }
    }
}
