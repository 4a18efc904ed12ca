package io.rudp.bench.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rudp.core.CongestionControl;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The arithmetic of the link benchmarks: Jain's index, the path, the options, the sim run. */
class LinkFiguresTest {

    @Test
    void jainIsOneForEqualSharesAndOneOverNForOneTakingAll() {
        assertThat(Jain.index(5, 5)).isEqualTo(1.0);
        assertThat(Jain.index(10, 0)).isEqualTo(0.5);
        assertThat(Jain.index(3, 0, 0)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Jain.index(0, 0)).isEqualTo(1.0);
        assertThat(Jain.index(60, 40)).isCloseTo(10_000.0 / (2 * 5_200), within(1e-12));
    }

    @Test
    void theQueueIsOneBandwidthDelayProductAndAtLeast64KiB() {
        assertThat(LinkParams.of(0, 0).queueBytes()).isEqualTo(64 << 10);
        assertThat(LinkParams.of(20, 0).queueBytes()).isEqualTo(250_000);
        assertThat(LinkParams.of(100, 0).queueBytes()).isEqualTo(1_250_000);
        LinkParams p = LinkParams.of(100, 0.05);
        assertThat(p.idealMbps()).isCloseTo(95.0, within(1e-9));
        assertThat(p.direction().delayNanos()).isEqualTo(50_000_000L);
        assertThat(p.direction().lossRate()).isEqualTo(0.05);
        assertThat(p.direction().bandwidthBitsPerSecond()).isEqualTo(100_000_000L);
        assertThatThrownBy(() -> LinkParams.of(20, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsParseAndBadOnesSayWhich() {
        LinkBenchmark.Options o = LinkBenchmark.parse(new String[] {"--rtt", "20", "--loss", "0,0.1",
                "--cc", "bbr,cubic", "--seconds", "3", "--reps", "2", "--ack-delay-ms", "2"});
        assertThat(o.rttsMillis()).containsExactly(20);
        assertThat(o.lossPercents()).containsExactly(0, 0.1);
        assertThat(o.controllers()).containsExactly(CongestionControl.BBR, CongestionControl.CUBIC);
        assertThat(o.goodput()).isTrue();
        assertThat(o.fairness()).isFalse();
        assertThat(o.config(CongestionControl.CUBIC).ackDelay()).isEqualTo(Duration.ofMillis(2));
        assertThat(LinkBenchmark.parse(new String[] {"--fairness"}).goodput()).isFalse();
        assertThatThrownBy(() -> LinkBenchmark.parse(new String[] {"--cc", "vegas"}))
                .hasMessageContaining("--cc vegas");
        assertThatThrownBy(() -> LinkBenchmark.parse(new String[] {"--loss", "200"}))
                .hasMessageContaining("--loss 200");
        assertThatThrownBy(() -> LinkBenchmark.parse(new String[] {"--seconds"}))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LinkBenchmark.parse(new String[] {"--fast"}))
                .hasMessageContaining("unknown option --fast");
    }

    @Test
    void theSimulatedFairnessRunIsDeterministicAndFillsEverySecond() {
        FairnessResult a = SimFairness.run(CongestionControl.BBR, LinkParams.of(20, 0), 3, 5);
        FairnessResult b = SimFairness.run(CongestionControl.BBR, LinkParams.of(20, 0), 3, 5);
        assertThat(a.firstPerSecondMbps()).containsExactly(b.firstPerSecondMbps());
        assertThat(a.secondPerSecondMbps()).containsExactly(b.secondPerSecondMbps());
        assertThat(a.firstMbps() + a.secondMbps()).isPositive().isLessThanOrEqualTo(100.0);
    }

    @Test
    void theSimulatedPingPongIsDeterministicAndNeverBeatsThePath() {
        io.rudp.core.EngineConfig config = io.rudp.core.EngineConfig.defaults();
        long[] a = SimPingPong.run(config, LinkParams.of(20, 0.05), 300, 3);
        long[] b = SimPingPong.run(config, LinkParams.of(20, 0.05), 300, 3);
        assertThat(a).hasSize(300).containsExactly(b);
        assertThat(java.util.Arrays.stream(a).min().getAsLong()).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(SimPingPong.percentile(new long[] {5, 1, 4, 2, 3}, 50)).isEqualTo(3);
        assertThat(SimPingPong.percentile(new long[] {5, 1, 4, 2, 3}, 100)).isEqualTo(5);
    }
}
