package io.rudp.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The child processes' ends of the netem section, run in this JVM over loopback (no namespaces):
 * the bulk receiver and sender and the ping-pong pair report the figures the section reads.
 */
class NetemEndsTest {

    private static final long BYTES = 1L << 20;

    @ParameterizedTest
    @EnumSource(NetemEnds.Transport.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBulkTransferReportsItsClockMarksAndCpu(NetemEnds.Transport transport) throws Exception {
        String t = transport.name().toLowerCase(java.util.Locale.ROOT);
        ExecutorService pool = BenchThreads.pool("netem-test");
        try {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Future<Map<String, Long>> receiver = pool.submit(() -> NetemPeer.run(
                    new String[] {"bulk-receiver", t, "127.0.0.1", Long.toString(BYTES / 2)}, port::complete));
            Map<String, Long> sent = NetemPeer.run(new String[] {"bulk-sender", t, "127.0.0.1",
                Integer.toString(port.get(30, TimeUnit.SECONDS)), Long.toString(BYTES)}, p -> { });
            Map<String, Long> received = receiver.get(30, TimeUnit.SECONDS);

            assertThat(received.get("bytes")).isEqualTo(BYTES);
            assertThat(received.get("bytesAtHalf")).isBetween(BYTES / 2, BYTES);
            assertThat(sent.get("firstWriteNanos")).isGreaterThanOrEqualTo(sent.get("connectStartNanos"))
                    .isLessThanOrEqualTo(received.get("firstByteNanos"));
            assertThat(received.get("firstByteNanos")).isLessThanOrEqualTo(received.get("halfNanos"));
            assertThat(received.get("halfNanos")).isLessThanOrEqualTo(received.get("lastByteNanos"));
            assertThat(sent.get("endNanos")).isGreaterThanOrEqualTo(received.get("lastByteNanos"));
            assertThat(sent).containsKey("cpuNanos");
            assertThat(received).containsKey("cpuNanos");
            Map<String, String> tx = strings(sent);
            NetemRunner.Bulk b = new NetemRunner.Bulk(strings(received), tx);
            assertThat(b.goodputMbps()).isPositive();
            assertThat(b.steadyMbps()).isPositive();
            if (transport == NetemEnds.Transport.RUDP) {
                assertThat(b.retransmittedPackets()).isNotNegative();
                assertThat(b.meanDatagramBytes()).isPositive();
            } else {
                assertThat(b.retransmittedPackets()).isEqualTo(-1);
            }
        } finally {
            BenchThreads.shutdown(pool);
        }
    }

    @ParameterizedTest
    @EnumSource(NetemEnds.Transport.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPingPongRunReportsItsPercentilesAndTheEchoServerEnds(NetemEnds.Transport transport) throws Exception {
        String t = transport.name().toLowerCase(java.util.Locale.ROOT);
        ExecutorService pool = BenchThreads.pool("netem-test");
        try {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Future<Map<String, Long>> echo = pool.submit(() -> NetemPeer.run(
                    new String[] {"echo-server", t, "127.0.0.1"}, port::complete));
            Map<String, Long> ping = NetemPeer.run(new String[] {"ping-client", t, "127.0.0.1",
                Integer.toString(port.get(30, TimeUnit.SECONDS)), "5", "50"}, p -> { });

            assertThat(ping.get("roundTrips")).isEqualTo(50);
            assertThat(ping.get("p50Nanos")).isPositive().isLessThanOrEqualTo(ping.get("p99Nanos"));
            assertThat(ping.get("p99Nanos")).isLessThanOrEqualTo(ping.get("p999Nanos"));
            assertThat(ping.get("p999Nanos")).isLessThanOrEqualTo(ping.get("maxNanos"));
            assertThat(echo.get(30, TimeUnit.SECONDS).get("echoed")).isEqualTo(55);
        } finally {
            BenchThreads.shutdown(pool);
        }
    }

    private static Map<String, String> strings(Map<String, Long> figures) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        figures.forEach((k, v) -> out.put(k, Long.toString(v)));
        return out;
    }
}
