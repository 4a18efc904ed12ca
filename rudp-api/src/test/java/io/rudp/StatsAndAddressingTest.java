package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Statistics after a transfer, and servers bound to IPv6 loopback and to the wildcard address. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatsAndAddressingTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Sends {@code data} from the client and reads all of it on the server. */
    private static byte[] transfer(LoopbackPair pair, byte[] data) throws Exception {
        try (TestThreads threads = new TestThreads(1)) {
            Future<Void> sender = threads.submit(() -> {
                pair.client.send(data);
                return null;
            });
            byte[] received = new byte[data.length];
            int got = 0;
            while (got < data.length) {
                int n = pair.accepted.receive(received, got, data.length - got);
                assertThat(n).isPositive();
                got += n;
            }
            sender.get(20, TimeUnit.SECONDS);
            return received;
        }
    }

    @Test
    void statsAfterATransferCountPacketsBytesAndAnRttSample() throws Exception {
        byte[] data = new byte[300_000];
        new Random(11).nextBytes(data);
        try (LoopbackPair pair = LoopbackPair.open()) {
            assertThat(transfer(pair, data)).isEqualTo(data);

            ConnectionStats sender = pair.client.stats();
            assertThat(sender.packetsSent()).isPositive();
            assertThat(sender.bytesSent()).isGreaterThan(data.length);
            assertThat(sender.streamBytesSent()).isEqualTo(data.length);
            assertThat(sender.smoothedRttNanos()).isPositive();
            assertThat(sender.minRttNanos()).isPositive();
            assertThat(sender.congestionWindowBytes()).isPositive();

            ConnectionStats receiver = pair.accepted.stats();
            assertThat(receiver.packetsReceived()).isPositive();
            assertThat(receiver.bytesReceived()).isGreaterThan(data.length);
            assertThat(receiver.streamBytesReceived()).isEqualTo(data.length);
        }
    }

    @Test
    void theServersEndpointStatsCountTheHandshakeTheTrafficAndADroppedDatagram() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open();
             java.nio.channels.DatagramChannel stranger = java.nio.channels.DatagramChannel.open()) {
            assertThat(transfer(pair, new byte[50_000])).hasSize(50_000);
            // Twenty bytes of noise at the server's port: it fails the CRC32C and is dropped, counted.
            stranger.send(java.nio.ByteBuffer.wrap(new byte[20]), pair.server.localAddress());
            EndpointStats stats = pair.server.stats();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stats.corruptDropped() == 0 && System.nanoTime() - deadline < 0) { // until the driver read it
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                stats = pair.server.stats();
            }
            assertThat(stats.corruptDropped()).isEqualTo(1);
            assertThat(stats.challengesSent()).isPositive();
            assertThat(stats.connectionsAccepted()).isEqualTo(1);
            assertThat(stats.activeConnections()).isEqualTo(1);
            assertThat(stats.datagramsReceived()).isGreaterThan(stats.corruptDropped());
            assertThat(stats.bytesReceived()).isGreaterThan(50_000);
            assertThat(stats.internalErrors()).isZero();
        }
    }

    @Test
    void aServerOnIpv6LoopbackExchangesDataWithAClient() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        ReliableServer probe;
        try {
            probe = new ReliableServer(new InetSocketAddress(loopback6, 0), LoopbackPair.FAST);
        } catch (IOException | UnsupportedOperationException e) {
            probe = null;
        }
        Assumptions.assumeTrue(probe != null, "no IPv6 loopback on this machine");
        probe.shutdown();

        try (LoopbackPair pair = LoopbackPair.open(new InetSocketAddress(loopback6, 0), loopback6, LoopbackPair.FAST)) {
            assertThat(pair.server.localAddress().getAddress()).isInstanceOf(Inet6Address.class);
            assertThat(pair.accepted.remoteAddress().getAddress()).isInstanceOf(Inet6Address.class);
            assertThat(pair.accepted.remoteAddress().getAddress().isLoopbackAddress()).isTrue();

            pair.client.send("hello over IPv6");
            assertThat(text(pair.accepted.receive(64))).isEqualTo("hello over IPv6");
            pair.accepted.send("hello back");
            assertThat(text(pair.client.receive(64))).isEqualTo("hello back");
        }
    }

    @Test
    void aServerOnTheWildcardAddressIsReachableOnLoopbackAndReportsItsRealPort() throws Exception {
        InetAddress loopback4 = InetAddress.getByName("127.0.0.1");
        try (LoopbackPair pair = LoopbackPair.open(new InetSocketAddress("0.0.0.0", 0), loopback4, LoopbackPair.FAST)) {
            InetSocketAddress local = pair.server.localAddress();
            assertThat(local.getAddress().isAnyLocalAddress()).isTrue();
            assertThat(local.getPort()).isBetween(1, 65_535);
            assertThat(pair.client.remoteAddress().getPort()).isEqualTo(local.getPort());
            assertThat(pair.accepted.remoteAddress().getPort()).isEqualTo(pair.client.localAddress().getPort());

            pair.client.send("via 127.0.0.1");
            assertThat(text(pair.accepted.receive(64))).isEqualTo("via 127.0.0.1");
            pair.accepted.send("answered");
            assertThat(text(pair.client.receive(64))).isEqualTo("answered");
        }
    }
}
