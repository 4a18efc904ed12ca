package io.rudp.bench.link;

import io.rudp.cli.proxy.LinkSharing;
import io.rudp.cli.proxy.ProxyStats;
import io.rudp.core.CongestionControl;
import io.rudp.ConnectionStats;
import io.rudp.core.EngineConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Bulk goodput of one rudp connection through the real impairment proxy: a
 * {@link io.rudp.ReliableServer} and a {@link io.rudp.ReliableSocket} on 127.0.0.1, the default
 * configuration except the congestion controller, the proxy emulating a {@link LinkParams} path.
 * The client writes as fast as it can for the run's duration; the server reads and counts.
 *
 * <p>Two figures: the <em>steady</em> goodput, counted after a warm-up of {@code max(1 s, 20 RTT)}
 * (at most half the run), which is what the targets are about, and the <em>whole-run</em>
 * goodput from the end of the handshake, which includes the startup.
 */
public final class ProxyGoodput {

    private ProxyGoodput() {
    }

    /**
     * One run.
     *
     * @param controller the congestion controller of both ends
     * @param link the path
     * @param duration how long the sender writes (after the handshake)
     * @param seed the proxy's random decisions
     * @throws IOException if the connection cannot be set up or breaks during the run
     */
    public static GoodputResult run(CongestionControl controller, LinkParams link,
            Duration duration, long seed) throws IOException, InterruptedException {
        Objects.requireNonNull(controller, "controller");
        return run(EngineConfig.defaults().toBuilder().congestionControl(controller).build(), link,
                duration, seed);
    }

    /**
     * One run with {@code config} on both ends (to measure other settings than the defaults).
     *
     * @throws IOException if the connection cannot be set up or breaks during the run
     */
    public static GoodputResult run(EngineConfig config, LinkParams link, Duration duration,
            long seed) throws IOException, InterruptedException {
        CongestionControl controller = config.congestionControl();
        long durationNanos = duration.toNanos();
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        long warmupNanos = Math.min(durationNanos / 2,
                Math.max(Duration.ofSeconds(1).toNanos(), 20 * link.rttNanos()));
        try (ProxiedPath path = ProxiedPath.start(link, config, LinkSharing.PER_CLIENT, seed)) {
            ProxiedPath.Pair pair = path.connect();
            BulkFlow flow = new BulkFlow(pair, "goodput");
            long cpuStart = ProxiedPath.processCpuNanos() - path.proxyCpuNanos();
            long start = System.nanoTime();
            flow.start();
            sleepUntil(start + warmupNanos);
            long warmBytes = flow.bytesRead();
            long warmAt = System.nanoTime();
            sleepUntil(start + durationNanos);
            long endBytes = flow.bytesRead();
            long endAt = System.nanoTime();
            long cpuEnd = ProxiedPath.processCpuNanos() - path.proxyCpuNanos();
            ConnectionStats stats = pair.client().stats();
            ConnectionStats receiver = pair.server().stats();
            ProxyStats proxy = path.proxyStats();
            if (Boolean.getBoolean("rudp.bench.debug")) {
                System.err.println("sender   " + stats);
                System.err.println("receiver " + receiver);
                System.err.println("proxy up   " + proxy.up().describe());
                System.err.println("proxy down " + proxy.down().describe());
            }
            flow.stop();
            if (flow.failure() != null) {
                throw new IOException("the flow broke during the run: " + flow.failure(),
                        flow.failure());
            }
            double steadySeconds = (endAt - warmAt) / 1e9;
            double totalSeconds = (endAt - start) / 1e9;
            long steadyBytes = endBytes - warmBytes;
            return new GoodputResult(controller, link, mbps(steadyBytes, steadySeconds),
                    mbps(endBytes, totalSeconds), link.idealMbps(), steadyBytes, endBytes,
                    steadySeconds, totalSeconds, stats.retransmittedPackets(),
                    Math.max(0, cpuEnd - cpuStart) / 1e9,
                    proxy.up().queueDropped() + proxy.down().queueDropped(),
                    stats.packetsSent(), receiver.packetsSent());
        }
    }

    static double mbps(long bytes, double seconds) {
        return seconds > 0 ? bytes * 8 / seconds / 1e6 : 0;
    }

    /** Sleeps until {@code deadlineNanos} on {@link System#nanoTime()}. */
    static void sleepUntil(long deadlineNanos) throws InterruptedException {
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.max(1, left / 1_000_000), 0);
        }
    }
}
