package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real sockets on 127.0.0.1: by default a connection uses large datagrams (up to 65,507 bytes)
 * and the driver receives them intact; {@code loopbackDatagramBytes(1200)} keeps it at 1,200.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopbackDatagramSizeTest {

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

    private static double meanDatagramBytes(ConnectionStats s) {
        return s.bytesSent() / (double) s.packetsSent();
    }

    @Test
    void byDefaultLoopbackCarriesLargeDatagramsIntact() throws Exception {
        byte[] data = new byte[4_000_000];
        new Random(21).nextBytes(data);
        try (LoopbackPair pair = LoopbackPair.open()) {
            assertThat(transfer(pair, data)).isEqualTo(data);

            assertThat(meanDatagramBytes(pair.client.stats())).as("%s", pair.client.stats())
                    .isGreaterThan(10 * RudpConfig.MIN_DATAGRAM_BYTES);
            assertThat(pair.accepted.stats().corruptPackets()).isZero();
        }
    }

    @Test
    void pinnedTo1200LoopbackKeepsTheInternetSafeSize() throws Exception {
        byte[] data = new byte[1_000_000];
        new Random(22).nextBytes(data);
        RudpConfig pinned = LoopbackPair.FAST.toBuilder().loopbackDatagramBytes(RudpConfig.MIN_DATAGRAM_BYTES).build();
        try (LoopbackPair pair = LoopbackPair.open(pinned)) {
            assertThat(transfer(pair, data)).isEqualTo(data);

            // bytesSent also counts the two 1,200-byte handshake datagrams, which packetsSent does
            // not, so the mean sits a little above 1,200; one large datagram would lift it far more.
            assertThat(meanDatagramBytes(pair.client.stats())).isLessThan(1_300);
            assertThat(meanDatagramBytes(pair.accepted.stats())).isLessThanOrEqualTo(RudpConfig.MIN_DATAGRAM_BYTES);
        }
    }
}
