package io.rudp.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.testkit.LinkConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnitsTest {

    @Test
    void probabilitiesAcceptPercentagesAndFractions() {
        assertThat(Units.probability("2%")).isEqualTo(0.02);
        assertThat(Units.probability("0.5%")).isEqualTo(0.005);
        assertThat(Units.probability("0.02")).isEqualTo(0.02);
        assertThat(Units.probability("100%")).isEqualTo(1.0);
        assertThat(Units.probability("0")).isZero();
        assertThat(Units.probability("1")).isEqualTo(1.0);
        assertThatThrownBy(() -> Units.probability("-1%")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Units.probability("101%")).hasMessageContaining("more than 100%");
        assertThatThrownBy(() -> Units.probability("2")).hasMessageContaining("2% or 0.02");
        assertThatThrownBy(() -> Units.probability("abc")).hasMessageContaining("'abc'");
        assertThatThrownBy(() -> Units.probability("NaN")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsNeedAUnit() {
        assertThat(Units.duration("40ms")).isEqualTo(Duration.ofMillis(40));
        assertThat(Units.duration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Units.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Units.duration("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Units.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Units.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Units.duration("0")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> Units.duration("40")).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> Units.duration("-5ms")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Units.duration("5 fortnights")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Units.duration("400d")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratesInBitsOrBytes() {
        assertThat(Units.bitsPerSecond("100mbit")).isEqualTo(100_000_000L);
        assertThat(Units.bitsPerSecond("100Mbit/s")).isEqualTo(100_000_000L);
        assertThat(Units.bitsPerSecond("1.5Mb/s")).isEqualTo(1_500_000L);
        assertThat(Units.bitsPerSecond("10mbps")).isEqualTo(10_000_000L);
        assertThat(Units.bitsPerSecond("64kbit")).isEqualTo(64_000L);
        assertThat(Units.bitsPerSecond("1gbit")).isEqualTo(1_000_000_000L);
        assertThat(Units.bitsPerSecond("10MB/s")).isEqualTo(80_000_000L);
        assertThat(Units.bitsPerSecond("1MiB/s")).isEqualTo(8L * 1024 * 1024);
        assertThat(Units.bitsPerSecond("500B/s")).isEqualTo(4_000L);
        assertThat(Units.bitsPerSecond("0")).isZero();
        assertThatThrownBy(() -> Units.bitsPerSecond("10MBps")).hasMessageContaining("not a rate");
        assertThatThrownBy(() -> Units.bitsPerSecond("100")).hasMessageContaining("not a rate");
        assertThatThrownBy(() -> Units.bitsPerSecond("-1mbit")).hasMessageContaining("negative");
    }

    @Test
    void sizesInDecimalOrBinaryUnits() {
        assertThat(Units.bytes("1500")).isEqualTo(1500);
        assertThat(Units.bytes("1500B")).isEqualTo(1500);
        assertThat(Units.bytes("64KB")).isEqualTo(64_000);
        assertThat(Units.bytes("64KiB")).isEqualTo(65_536);
        assertThat(Units.bytes("2MiB")).isEqualTo(2L << 20);
        assertThat(Units.bytes("1GB")).isEqualTo(1_000_000_000L);
        assertThatThrownBy(() -> Units.bytes("12 apples")).hasMessageContaining("not a size");
    }

    @Test
    void pairsSplitOnTheSlashThatMakesTwoValues() {
        assertThat(Units.pair("1%/5%", Units::probability)).isEqualTo(new UpDown<>(0.01, 0.05));
        assertThat(Units.pair("3%", Units::probability)).isEqualTo(UpDown.both(0.03));
        assertThat(Units.pair("10MB/s", Units::bitsPerSecond)).isEqualTo(UpDown.both(80_000_000L));
        assertThat(Units.pair("10MB/s/1mbit", Units::bitsPerSecond))
                .isEqualTo(new UpDown<>(80_000_000L, 1_000_000L));
        assertThat(Units.pair("20ms/0", Units::duration))
                .isEqualTo(new UpDown<>(Duration.ofMillis(20), Duration.ZERO));
        assertThatThrownBy(() -> Units.pair("1%/x", Units::probability))
                .hasMessageContaining("neither a value nor UP/DOWN").hasMessageContaining("'x'");
        assertThatThrownBy(() -> Units.pair("1%/2%/3%", Units::probability))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Units.pair("7", Units::probability))
                .hasMessageContaining("2% or 0.02");
    }

    @Test
    void impairmentsAreDescribedInTheUnitsTheCommandLineAccepts() {
        assertThat(ImpairmentText.describe(LinkConfig.perfect())).isEqualTo("none");
        LinkConfig c = LinkConfig.builder().lossRate(0.015).delay(Duration.ofMillis(20))
                .jitter(Duration.ofMillis(5)).reorder(0.01, Duration.ofMillis(10))
                .duplicateRate(0.002).corruptRate(0.001).bandwidth(100_000_000, 625_000).build();
        assertThat(ImpairmentText.describe(c)).isEqualTo("loss 1.5%, delay 20ms ± 5ms, "
                + "reorder 1% by 10ms, duplicate 0.2%, corrupt 0.1%, rate 100 Mbit/s (queue 625000 B)");
        LinkConfig burst = LinkConfig.builder().burstLoss(0.25 / 19, 0.25, 1.0).build();
        assertThat(ImpairmentText.describe(burst)).isEqualTo("burst loss 5% (mean burst 4 datagrams)");
    }
}
