package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.CloseReason;
import io.rudp.core.ConnectionState;
import io.rudp.core.EngineConfig;
import io.rudp.core.wire.ErrorCode;
import io.rudp.testkit.LinkConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every way a connection ends, end to end on the simulated network. */
class CloseScenariosTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final LinkConfig LINK = LinkConfig.builder().delay(Duration.ofMillis(10)).build();

    @Test
    void gracefulCloseDeliversEverythingWrittenBeforeIt() {
        TransferScenario s = new TransferScenario(1, EngineConfig.defaults(), LINK).start(300_000, 200_000, true);

        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        assertThat(s.client.closeReason().isClean()).isTrue();
    }

    @Test
    void halfCloseLetsThePeerKeepSending() {
        TransferScenario s = new TransferScenario(2, EngineConfig.defaults(), LINK).start(1_000, 2_000_000, true);

        // The client's own stream ends early and is acknowledged, yet it keeps receiving.
        assertThat(s.runUntil(() -> s.client != null && s.client.isOutputAcknowledged(), MINUTE)).isTrue();
        assertThat(s.client.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.clientApp.bytesRead()).isLessThan(2_000_000);
        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).isTrue();
    }

    @Test
    void abortReachesThePeerAsAResetWithTheReason() {
        TransferScenario s = new TransferScenario(3, EngineConfig.defaults(), LINK).start(10_000_000, 0, false);
        assertThat(s.runUntil(() -> s.server != null && s.serverApp.bytesRead() > 100_000, MINUTE)).isTrue();

        s.client.abort(s.network.nowNanos(), "user pressed cancel");

        assertThat(s.client.closeReason().kind()).isEqualTo(CloseReason.Kind.LOCAL_ABORT);
        assertThat(s.runUntil(() -> s.server.state().isTerminating(), MINUTE)).isTrue();
        assertThat(s.server.closeReason().kind()).isEqualTo(CloseReason.Kind.RESET_BY_PEER);
        assertThat(s.server.closeReason().errorCode()).isEqualTo(ErrorCode.APPLICATION_ABORT);
        assertThat(s.server.closeReason().message()).contains("user pressed cancel");
        assertThat(s.runUntil(() -> s.clientEndpoint.connectionCount() == 0 && s.serverEndpoint.connectionCount() == 0, MINUTE))
                .isTrue();
        assertThat(s.server.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void closeGivesUpAfterTheCloseTimeoutWhenThePeerNeverFinishes() {
        EngineConfig config = EngineConfig.builder().closeTimeout(Duration.ofSeconds(3)).build();
        TransferScenario s = new TransferScenario(8, config, LINK).startOpen(1_000, 1_000);
        assertThat(s.runUntil(() -> s.serverApp != null && s.serverApp.bytesRead() == 1_000 && s.clientApp.bytesRead() == 1_000,
                MINUTE)).isTrue();
        long closedAt = s.network.nowNanos();

        s.client.close(closedAt); // the server application never closes its side

        assertThat(s.runUntil(() -> s.client.state().isTerminating(), MINUTE)).isTrue();
        assertThat(s.network.nowNanos() - closedAt).isEqualTo(Duration.ofSeconds(3).toNanos());
        assertThat(s.client.closeReason().kind()).isEqualTo(CloseReason.Kind.LOCAL_ABORT);
        assertThat(s.client.closeReason().message()).contains("close() gave up after 3000 ms");
        assertThat(s.runUntil(() -> s.server.state().isTerminating(), MINUTE)).isTrue();
        assertThat(s.server.closeReason().kind()).isEqualTo(CloseReason.Kind.RESET_BY_PEER);
    }

    @Test
    void idleTimeoutClosesAQuietConnection() {
        EngineConfig config = EngineConfig.builder().idleTimeout(Duration.ofSeconds(2)).keepAliveInterval(Duration.ZERO).build();
        TransferScenario s = new TransferScenario(4, config, LINK).startOpen(10, 10);
        assertThat(s.runUntil(() -> s.serverApp != null && s.serverApp.bytesRead() == 10 && s.clientApp.bytesRead() == 10, MINUTE))
                .isTrue();
        long quietSince = s.network.nowNanos();

        assertThat(s.runUntil(() -> s.client.state() == ConnectionState.CLOSED && s.server.state() == ConnectionState.CLOSED, MINUTE))
                .isTrue();
        assertThat(s.client.closeReason().kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
        assertThat(s.server.closeReason().kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
        assertThat(s.network.nowNanos() - quietSince).isBetween(Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(3).toNanos());
    }

    @Test
    void keepAlivesHoldAQuietConnectionOpen() {
        EngineConfig config = EngineConfig.builder().idleTimeout(Duration.ofSeconds(2))
                .keepAliveInterval(Duration.ofMillis(500)).build();
        TransferScenario s = new TransferScenario(5, config, LINK).startOpen(10, 10);

        s.runUntil(() -> false, 10 * MINUTE);

        assertThat(s.client.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.server.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.client.stats().packetsSent()).isGreaterThan(100);
    }

    @Test
    void aPeerThatVanishesMidTransferFailsTheOtherSideWithinItsLimits() {
        EngineConfig config = EngineConfig.builder().peerTimeout(Duration.ofSeconds(20)).maxRto(Duration.ofSeconds(4))
                .idleTimeout(Duration.ofMinutes(5)).build();
        TransferScenario s = new TransferScenario(6, config, LINK).start(50_000_000, 0, false);
        assertThat(s.runUntil(() -> s.serverApp != null && s.serverApp.bytesRead() > 500_000, MINUTE)).isTrue();

        // The server's machine disappears: nothing gets through in either direction any more.
        LinkConfig dead = LinkConfig.builder().lossRate(1.0).build();
        s.network.setPath(s.clientAddress, s.serverAddress, dead);
        long vanishedAt = s.network.nowNanos();

        assertThat(s.runUntil(() -> s.client.state().isTerminating(), 10 * MINUTE)).isTrue();
        assertThat(s.client.closeReason().kind()).isEqualTo(CloseReason.Kind.TIMED_OUT);
        assertThat(s.client.closeReason().message()).contains("peer timeout of 20000 ms");
        // The peer timeout counts from the last packet heard, which came at most a round trip
        // (40 ms here) after the path went dead: the failure comes at the configured time.
        assertThat(s.network.nowNanos() - vanishedAt).isBetween(Duration.ofMillis(19_950).toNanos(),
                Duration.ofMillis(20_100).toNanos());
        assertThat(s.runUntil(() -> s.clientEndpoint.connectionCount() == 0, 10 * MINUTE)).isTrue();
    }

    @Test
    void aStalledReaderStallsTheWriterWithBoundedBuffers() {
        EngineConfig config = EngineConfig.builder().sendBufferBytes(64 * 1024).receiveBufferBytes(32 * 1024).build();
        TransferScenario s = new TransferScenario(7, config, LINK);
        s.client = s.clientEndpoint.connect(s.network.nowNanos(), s.serverAddress);
        assertThat(s.runUntil(() -> s.client.isEstablished(), MINUTE)).isTrue();
        s.server = s.serverEndpoint.pollAccepted();
        assertThat(s.server).isNotNull();

        byte[] chunk = new byte[8192];
        long written = 0;
        for (int round = 0; round < 200; round++) {
            int n;
            while ((n = s.client.write(s.network.nowNanos(), chunk, 0, chunk.length)) > 0) {
                written += n;
            }
            s.network.runFor(Duration.ofMillis(50).toNanos());
        }

        // Nobody reads on the server: the writer is stuck with both buffers full, nothing more.
        assertThat(s.client.writableBytes()).isZero();
        assertThat(s.server.readableBytes()).isLessThanOrEqualTo(32 * 1024);
        assertThat(written).isLessThanOrEqualTo(64 * 1024 + 32 * 1024);
        assertThat(s.client.state()).isEqualTo(ConnectionState.ESTABLISHED);

        long read = 0;
        byte[] sink = new byte[8192];
        for (int round = 0; round < 2000 && read < written; round++) {
            int n;
            while ((n = s.server.read(sink, 0, sink.length)) > 0) {
                read += n;
            }
            s.network.runFor(Duration.ofMillis(5).toNanos());
        }
        assertThat(read).isEqualTo(written);
    }
}
