package io.rudp.bench.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.rudp.core.CongestionControl;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The link benchmarks on loopback with tiny durations: they run, return sane figures and leave no
 * thread behind. No figure is checked against a speed (that is the benchmark's job).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyLinkBenchmarksTest {

    @AfterEach
    void noProxyThreadIsLeft() {
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("rudp-proxy-"));
    }

    @Test
    void goodputReturnsPositiveConsistentFigures() throws Exception {
        LinkParams link = LinkParams.of(20, 0.01);
        GoodputResult r = ProxyGoodput.run(CongestionControl.BBR, link, Duration.ofMillis(1_500),
                7);
        assertThat(r.controller()).isEqualTo(CongestionControl.BBR);
        assertThat(r.idealMbps()).isEqualTo(99.0);
        assertThat(r.totalBytes()).isPositive();
        assertThat(r.steadyBytes()).isBetween(0L, r.totalBytes());
        assertThat(r.totalSeconds()).isGreaterThanOrEqualTo(1.5);
        assertThat(r.steadySeconds()).isPositive().isLessThan(r.totalSeconds());
        assertThat(r.wholeRunMbps()).isPositive();
        assertThat(r.steadyMbps()).as("steady goodput is the steady window's bytes over its seconds")
                .isCloseTo(r.steadyBytes() * 8 / r.steadySeconds() / 1e6, offset(0.01));
        assertThat(r.senderPackets()).isPositive();
        assertThat(r.receiverPackets()).isPositive();
        assertThat(r.cpuSeconds()).as("a 1.5 s transfer costs CPU").isPositive();
        assertThat(r.retransmittedPackets()).as("1% loss each way costs retransmissions, never more than were sent")
                .isPositive().isLessThan(r.senderPackets());
    }

    @Test
    void fairnessSamplesBothFlowsEverySecond() throws Exception {
        FairnessResult r = ProxyFairness.run(CongestionControl.BBR, LinkParams.of(0, 0),
                Duration.ofSeconds(2), 8);
        assertThat(r.firstPerSecondMbps()).hasSize(2);
        assertThat(r.secondPerSecondMbps()).hasSize(2);
        assertThat(r.firstMbps() + r.secondMbps()).isPositive();
        assertThat(r.jainWholeRun()).isBetween(0.5, 1.0);
        assertThat(r.perSecondText().split(" ")).hasSize(2);
    }

    @Test
    void pingPongRecordsEveryMessage() throws Exception {
        LatencyResult r = ProxyPingPong.run(CongestionControl.BBR, LinkParams.of(0, 0), 40, 9);
        assertThat(r.count()).isEqualTo(40);
        assertThat(r.p50Millis()).isPositive();
        assertThat(r.p50Millis()).isLessThanOrEqualTo(r.p99Millis());
        assertThat(r.p99Millis()).isLessThanOrEqualTo(r.p999Millis());
        assertThat(r.p999Millis()).isLessThanOrEqualTo(r.maxMillis());
    }

    @Test
    void blastDeliversSomethingThroughTheProxy() throws Exception {
        ProxyBlast.Result r = ProxyBlast.run(LinkParams.of(0, 0), Duration.ofMillis(600));
        assertThat(r.offeredMbps()).isPositive();
        assertThat(r.deliveredMbps()).isPositive();
        assertThat(ProxyBlast.describe(r)).startsWith("proxy blast: capacity 100.0 Mbit/s");
    }
}
