package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Memory follows use on real loopback sockets: a session's rings grow while bytes stream and are
 * given back once the connection is quiet; the connection limit is enforced and the refusal says
 * what the limit is and where it came from.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemoryOnDemandTest {

    private static final RudpConfig QUIET_SOON = LoopbackPair.FAST.toBuilder()
            .keepAliveInterval(Duration.ofMillis(300)).build();

    @Test
    void aSessionsRingsGrowWhileBusyAndAreGivenBackWhenTheConnectionIsQuiet() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(QUIET_SOON)) {
            byte[] data = new byte[1 << 20];
            Arrays.fill(data, (byte) 7);
            assertThat(pair.client.session().ringStorageBytes()).as("nothing before any byte").isZero();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> sent = writer.submit(() -> {
                pair.client.send(data);
                return null;
            });
            byte[] got = new byte[data.length];
            int read = 0;
            int serverPeakBytes = 0;
            while (read < got.length) {
                int n = pair.accepted.receive(got, read, got.length - read);
                read += n;
                serverPeakBytes = Math.max(serverPeakBytes, pair.accepted.session().ringStorageBytes());
            }
            sent.get(10, TimeUnit.SECONDS);
            writer.shutdown();
            assertThat(writer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(got).isEqualTo(data);
            assertThat(serverPeakBytes).as("the inbound ring grew to carry the stream").isGreaterThan(0);

            // Quiet: at the next keep-alive (300 ms) each side's rings are empty and unused for 1 s.
            for (int polls = 0; polls < 200 && (pair.client.session().ringStorageBytes() > 0
                    || pair.accepted.session().ringStorageBytes() > 0); polls++) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // bounded: 10 s at most
            }
            assertThat(pair.client.session().ringStorageBytes()).as("client rings after quiet").isZero();
            assertThat(pair.accepted.session().ringStorageBytes()).as("server rings after quiet").isZero();

            // Busy again: the bytes still arrive whole and in order.
            pair.accepted.send("again");
            assertThat(new String(pair.client.receive(5), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("again");
        }
    }

    @Test
    void aConnectionBeyondTheLimitIsRefusedAndTheRefusalNamesTheLimitAndItsOrigin() throws Exception {
        RudpConfig oneOnly = LoopbackPair.FAST.toBuilder().maxConnections(1).build();
        try (LoopbackPair pair = LoopbackPair.open(oneOnly);
             ReliableSocket second = new ReliableSocket(
                     new InetSocketAddress("127.0.0.1", pair.server.localAddress().getPort()), LoopbackPair.FAST)) {
            Throwable failure = catchThrowable(second::connect);

            assertThat(failure).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("SERVER_BUSY")
                    .hasMessageContaining("connection limit reached: 1 connections (RudpConfig.maxConnections)");
        }
    }
}
