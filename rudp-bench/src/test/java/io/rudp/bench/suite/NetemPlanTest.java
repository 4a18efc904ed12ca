package io.rudp.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetemPlanTest {

    @Test
    void aLinkSpecParsesAndPrintsBack() {
        assertThat(NetemLink.parse("20ms:1%")).isEqualTo(NetemLink.random(20, 1));
        assertThat(NetemLink.parse(" 100MS:0.5%@50mbit ")).isEqualTo(new NetemLink(100, 0.5, 0, 50));
        assertThat(NetemLink.parse("20ms:burst2%x10")).isEqualTo(NetemLink.burst(20, 2, 10));
        for (NetemLink link : NetemPlan.DEFAULT_LINKS) {
            assertThat(NetemLink.parse(link.spec())).isEqualTo(link);
        }
        assertThat(NetemLink.parse("100ms:0.5%@50mbit").spec()).isEqualTo("100ms:0.5%@50mbit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "20:1%", "20ms", "20ms:1", "20ms:burst2%", "20ms:2%x10", "10001ms:1%", "20ms:100%",
        "20ms:burst0%x10", "20ms:1%@0mbit", "20ms:1%@5000mbit", "-20ms:1%"})
    void aBadLinkSpecIsRejectedNamingIt(String spec) {
        assertThatThrownBy(() -> NetemLink.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageFindingMatch("'|must|needs");
    }

    @Test
    void theEmulatorGetsRateHalfTheRttEachWayLossAndSeed() {
        assertThat(NetemLink.random(20, 1).emulatorArgs(7))
                .containsExactly("--rate", "100mbit", "--delay", "10ms", "--loss", "1%", "--seed", "7");
        assertThat(NetemLink.random(25, 0).emulatorArgs(1)).containsSubsequence("--delay", "12500us");
        assertThat(NetemLink.random(200, 0).emulatorArgs(1))
                .containsExactly("--rate", "100mbit", "--delay", "100ms", "--seed", "1");
        assertThat(NetemLink.burst(20, 2, 10).emulatorArgs(3))
                .containsExactly("--rate", "100mbit", "--delay", "10ms", "--burst-loss", "2,10", "--seed", "3");
        assertThat(new NetemLink(100, 0.5, 0, 50).emulatorArgs(3)).containsSubsequence("--rate", "50mbit", "--loss", "0.5%");
        assertThat(NetemLink.burst(20, 2, 10).label()).isEqualTo("100 Mbit/s, 20 ms RTT, burst loss 2% (mean burst 10)");
    }

    @Test
    void theDefaultPlanHasTheIssuesLinksPlusZeroTenPercentAnd200Ms() {
        NetemPlan plan = NetemPlan.of(false, null, null, null, null, null, 42);

        assertThat(plan.links()).extracting(NetemLink::spec).containsExactly("20ms:0%", "20ms:1%", "20ms:5%",
                "20ms:10%", "20ms:burst2%x10", "100ms:1%", "200ms:1%");
        assertThat(plan.links()).allMatch(l -> l.rateMbit() == 100);
        assertThat(plan.bulkBytes()).isEqualTo(32L << 20);
        assertThat(plan.pingRoundTrips()).isEqualTo(1_000);
        assertThat(plan.runTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(plan.netemDir()).isNull();
    }

    @Test
    void quickIsSmallAndOptionsWin() {
        NetemPlan quick = NetemPlan.of(true, List.of(), null, null, null, null, 42);
        assertThat(quick.links()).extracting(NetemLink::spec).containsExactly("20ms:0%", "20ms:1%");
        assertThat(quick.bulkBytes()).isEqualTo(4L << 20);
        assertThat(quick.pingRoundTrips()).isEqualTo(100);

        NetemPlan given = NetemPlan.of(true, List.of("100ms:5%"), 8L, 50, 30, Path.of("/x/netem"), 42);
        assertThat(given.links()).containsExactly(NetemLink.random(100, 5));
        assertThat(given.bulkBytes()).isEqualTo(8L << 20);
        assertThat(given.pingRoundTrips()).isEqualTo(50);
        assertThat(given.runTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(given.netemDir()).isEqualTo(Path.of("/x/netem"));
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> NetemPlan.of(false, null, 0L, null, null, null, 1)).hasMessageContaining("--netem-mib");
        assertThatThrownBy(() -> NetemPlan.of(false, null, null, 0, null, null, 1)).hasMessageContaining("--netem-pings");
        assertThatThrownBy(() -> NetemPlan.of(false, null, null, null, 2, null, 1)).hasMessageContaining("--netem-timeout");
    }

    @Test
    void everyRepetitionHasItsOwnSeedAndNeverTheClocksZero() {
        NetemPlan plan = NetemPlan.of(false, null, null, null, null, null, -1);

        assertThat(plan.emulatorSeed(0)).isEqualTo(-1);
        assertThat(plan.emulatorSeed(1)).isEqualTo(1); // -1 + 1 would be 0, "from the clock" to linkem
        assertThat(plan.emulatorSeed(2)).isEqualTo(1);
        assertThat(NetemPlan.of(false, null, null, null, null, null, 42).emulatorSeed(3)).isEqualTo(45);
    }

    @Test
    void theEmulatorsFinalCountersGiveTheShareOfLatePackets() {
        List<String> lines = List.of(
                "linkem final t=4.264 a2b rx=1809 tx=1788 drop_loss=21 late_avg_us=58.1 late_1ms=17 tx_mbps=4.12",
                "linkem final t=4.264 b2a rx=179 tx=212 drop_loss=4 late_1ms=3");

        assertThat(NetemSection.lateFraction(lines)).isEqualTo(20.0 / 2000);
        assertThat(NetemSection.lateFraction(List.of())).isZero();
        assertThat(NetemSection.counter(lines, "a2b", "drop_loss")).isEqualTo(21);
        assertThat(NetemSection.counter(lines, "b2a", "drop_loss")).isEqualTo(4);
        assertThat(NetemSection.counter(lines, "b2a", "drop_queue")).isZero();
        assertThat(NetemSection.counter(List.of(), "a2b", "drop_loss")).isZero();
        assertThat(NetemSection.lateFraction(List.of("linkem final t=1 a2b tx=x late_1ms=2"))).isZero();
    }

    @Test
    void aChildsResultLineParsesIntoFields() {
        assertThat(NetemChild.fields(" bytes=4194304 halfNanos=12 junk cpuNanos=7 "))
                .isEqualTo(Map.of("bytes", "4194304", "halfNanos", "12", "cpuNanos", "7"))
                .containsOnlyKeys("bytes", "halfNanos", "cpuNanos");
    }

    @Test
    void bulkFiguresCountFromTheSendersFirstWriteAndOverTheSecondHalf() {
        NetemRunner.Bulk b = new NetemRunner.Bulk(
                Map.of("bytes", "1000000", "bytesAtHalf", "500000", "halfNanos", "60000000", "lastByteNanos", "100000000",
                        "cpuNanos", "300000000"),
                Map.of("connectStartNanos", "0", "firstWriteNanos", "20000000", "cpuNanos", "200000000",
                        "packetsSent", "100", "datagramBytesSent", "120000", "retransmittedPackets", "3"));

        assertThat(b.goodputMbps()).isEqualTo(100.0); // 8e6 bits in 80 ms
        assertThat(b.steadyMbps()).isEqualTo(100.0); // 4e6 bits in 40 ms
        assertThat(b.connectMillis()).isEqualTo(20.0);
        assertThat(b.cpuSeconds()).isEqualTo(0.5);
        assertThat(b.meanDatagramBytes()).isEqualTo(1200);
        assertThat(b.retransmittedPackets()).isEqualTo(3);
        NetemRunner.Bulk tcp = new NetemRunner.Bulk(b.receiver(), Map.of("connectStartNanos", "0",
                "firstWriteNanos", "20000000", "cpuNanos", "1"));
        assertThat(tcp.retransmittedPackets()).isEqualTo(-1);
        assertThat(tcp.meanDatagramBytes()).isEqualTo(-1);
    }
}
