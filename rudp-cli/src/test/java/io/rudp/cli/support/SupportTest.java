package io.rudp.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Timeout(10)
class SupportTest {

    @ParameterizedTest
    @CsvSource({"250ms, 250000000", "10s, 10000000000", "1.5s, 1500000000", "2m, 120000000000", "1h, 3600000000000",
        "7, 7000000000", "0.5, 500000000"})
    void durationsParseWithUnits(String text, long nanos) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-1s", "0", "0ms", "10 parsecs", "1e3", "99999999999999h"})
    void malformedOrNonPositiveDurationsAreUsageErrors(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text)).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining(text);
    }

    @Test
    void sizesUseBinaryUnits() {
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.50 KiB");
        assertThat(Formats.bytes(3L << 20)).isEqualTo("3.00 MiB");
        assertThat(Formats.bytes(Long.MAX_VALUE)).isEqualTo("8.00 EiB");
    }

    @Test
    void ratesAndSecondsAreReadable() {
        assertThat(Formats.rate(10L << 20, Duration.ofSeconds(2))).isEqualTo("5.00 MiB/s");
        assertThat(Formats.rate(0, Duration.ZERO)).isEqualTo("0 B/s");
        assertThat(Formats.seconds(Duration.ofMillis(1234))).isEqualTo("1.23 s");
    }

    @Test
    void addressesAreNumericWithBracketsForIpv6() {
        assertThat(Formats.address(new InetSocketAddress("127.0.0.1", 9000))).isEqualTo("127.0.0.1:9000");
        assertThat(Formats.address(new InetSocketAddress("::1", 9000))).isEqualTo("[::1]:9000");
        assertThat(Formats.address(new InetSocketAddress("::", 9000))).isEqualTo("[::]:9000");
    }

    @ParameterizedTest
    @CsvSource({"0:0:0:0:0:0:0:1, ::1", "0:0:0:0:0:0:0:0, ::", "fe80:0:0:0:1:0:0:2, fe80::1:0:0:2",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "1:0:0:2:0:0:0:3, 1:0:0:2::3", "fe80:0:0:0:0:0:0:1%2, fe80::1%2",
        "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0", "1:0:0:0:0:0:0:0, 1::"})
    void ipv6AddressesAreShortened(String full, String compressed) {
        assertThat(Formats.compressIpv6(full)).isEqualTo(compressed);
    }
}
