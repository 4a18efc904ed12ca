package io.rudp.core;

import static io.rudp.core.ScriptedConnection.bytes;
import static io.rudp.core.ScriptedConnection.stream;
import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ScriptedConnection.Side;
import io.rudp.core.wire.DataPacket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pacing of ack-eliciting packets (RFC 9002 §7.7) in a scripted connection: NewReno paces at
 * {@code 1.25 x cwnd / smoothed RTT}, after a burst of two datagrams, and only data waits for it.
 */
class PacingTest {

    private static final EngineConfig NEW_RENO = EngineConfig.builder().congestionControl(CongestionControl.NEW_RENO).build();

    /** The scripted handshake leaves a smoothed RTT of 20 ms; NewReno's window is 12,000 bytes. */
    private static final long RATE_BYTES_PER_SECOND = 12_000L * 5 / 4 * 1_000 / 20;
    /** One 1,200-byte datagram at that rate (750,000 B/s): 1.6 ms. */
    private static final long SPACING_NANOS = 1200L * 1_000_000_000L / RATE_BYTES_PER_SECOND;

    @ParameterizedTest
    @EnumSource(Side.class)
    void sendsABurstOfTwoDatagramsThenOneEverySpacingUntilTheWindowIsFull(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, NEW_RENO);
        assertThat(s.connection.stats().smoothedRttNanos()).isEqualTo(ScriptedConnection.HANDSHAKE_RTT_NANOS);
        assertThat(SPACING_NANOS).isEqualTo(1_600_000L);
        // RFC 9002 §7.7: 1.25 x cwnd / srtt (the server's window grew by its acknowledged HANDSHAKE_DONE).
        long cwnd = s.connection.congestion().congestionWindowBytes();
        long rate = cwnd * 5 * 1_000 / (4 * 20);
        assertThat(s.connection.congestion().pacingRateBytesPerSecond()).isEqualTo(rate);
        assertThat(rate).isBetween(RATE_BYTES_PER_SECOND, RATE_BYTES_PER_SECOND + 2_000);
        long start = s.now();
        long bytesBefore = s.connection.stats().bytesSent();
        s.write(bytes(30_000, 1));

        assertThat(s.drain()).hasSize(2);
        for (int i = 1; i <= 8; i++) {
            // The bucket started with 2,400 bytes and earns the rate: the next 1,200-byte datagram
            // may go once 2,400 + rate x elapsed - sent >= 1,200.
            long sent = s.connection.stats().bytesSent() - bytesBefore;
            long expected = start + ceilDiv((sent - 1200) * 1_000_000_000L, rate);
            assertThat(s.nextDeadline()).as("pacing deadline %d", i).isEqualTo(expected);
            assertThat(expected - start).isBetween((i - 1) * SPACING_NANOS, i * SPACING_NANOS);
            s.advanceTo(s.nextDeadline());
            List<DataPacket> one = s.drain();
            assertThat(one).hasSize(1);
        }

        // Ten datagrams fill the window: the next deadline is the probe timeout, not the pacer.
        assertThat(s.connection.stats().bytesInFlight() + 1200).isGreaterThan(cwnd);
        assertThat(s.connection.pacingDeadlineNanos()).isEqualTo(Connection.NO_DEADLINE);
        assertThat(s.nextDeadline() - s.now()).isGreaterThan(SPACING_NANOS);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void anAcknowledgementDueWhileThePacerHoldsDataBackGoesAtOnce(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, NEW_RENO);
        s.write(bytes(30_000, 2));
        assertThat(s.drain()).hasSize(2);

        // Two ack-eliciting packets from the peer make an ACK due at once (RFC 9000 §13.2.2).
        s.send(stream(0, bytes(10, 3)));
        s.send(stream(10, bytes(10, 4)));

        List<String> out = s.drainDescribed();
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).startsWith("[ACK ").doesNotContain("STREAM");
        assertThat(s.connection.pacingDeadlineNanos() - s.now()).isPositive().isLessThanOrEqualTo(SPACING_NANOS);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aConnectionWithNothingToSendArmsNoPacingDeadline(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, NEW_RENO);
        s.write(bytes(2400, 5));
        assertThat(s.drain()).hasSize(2);

        assertThat(s.connection.pacingDeadlineNanos()).isEqualTo(Connection.NO_DEADLINE);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
