package io.rudp.bench.link;

import io.rudp.cli.proxy.LinkSharing;
import io.rudp.core.CongestionControl;
import io.rudp.core.EngineConfig;
import java.io.IOException;
import java.time.Duration;

/**
 * Two rudp connections started together through one impairment proxy whose bottleneck they
 * share ({@link LinkSharing#SHARED}: one rate limiter and one drop-tail queue each way), each
 * writing as fast as it can; the goodput of each is sampled every second.
 */
public final class ProxyFairness {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private ProxyFairness() {
    }

    /**
     * One run of {@code duration} (whole seconds).
     *
     * @throws IOException if a connection cannot be set up or breaks during the run
     */
    public static FairnessResult run(CongestionControl controller, LinkParams link,
            Duration duration, long seed) throws IOException, InterruptedException {
        int seconds = (int) Math.max(1, duration.toSeconds());
        EngineConfig config = EngineConfig.defaults().toBuilder().congestionControl(controller).build();
        try (ProxiedPath path = ProxiedPath.start(link, config, LinkSharing.SHARED, seed)) {
            BulkFlow first = new BulkFlow(path.connect(), "fair-1");
            BulkFlow second = new BulkFlow(path.connect(), "fair-2");
            double[] a = new double[seconds];
            double[] b = new double[seconds];
            long start = System.nanoTime();
            first.start();
            second.start();
            long lastA = 0;
            long lastB = 0;
            for (int s = 0; s < seconds; s++) {
                ProxyGoodput.sleepUntil(start + (s + 1) * SECOND_NANOS);
                long nowA = first.bytesRead();
                long nowB = second.bytesRead();
                a[s] = ProxyGoodput.mbps(nowA - lastA, 1);
                b[s] = ProxyGoodput.mbps(nowB - lastB, 1);
                lastA = nowA;
                lastB = nowB;
            }
            first.stop();
            second.stop();
            for (BulkFlow f : new BulkFlow[] {first, second}) {
                if (f.failure() != null) {
                    throw new IOException("a flow broke during the run: " + f.failure(),
                            f.failure());
                }
            }
            return new FairnessResult(controller, link, a, b);
        }
    }
}
