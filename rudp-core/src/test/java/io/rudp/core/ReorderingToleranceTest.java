package io.rudp.core;

import static io.rudp.core.ScriptedConnection.ack;
import static io.rudp.core.ScriptedConnection.bytes;
import static io.rudp.core.ScriptedConnection.numbers;
import static io.rudp.core.ScriptedConnection.streamFrames;
import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ScriptedConnection.Side;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.StreamFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scripted peer on a path that reorders: a packet the fixed thresholds declared lost arrives
 * late, the connection counts the spurious loss and widens its reordering window, so the next
 * packet held back is not retransmitted at once; a real loss is still repaired one RTT plus the
 * window after it was sent (RFC 9002 §6.1, RFC 8985 §6.2, docs/DESIGN.md "Reordering").
 */
class ReorderingToleranceTest {

    private static final long MS = 1_000_000;

    @ParameterizedTest
    @EnumSource(Side.class)
    void aSpuriousLossWidensTheWindowAndALaterRealLossIsStillRepaired(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(bytes(4700, 4));
        List<DataPacket> first = drainEverything(s);
        assertThat(first).hasSizeGreaterThanOrEqualTo(4);
        s.advance(ScriptedConnection.HANDSHAKE_RTT_NANOS);

        // Packets 2-4 arrive before packet 1: RFC 9002's packet threshold declares 1 lost.
        s.send(ack(first.get(1).packetNumber(), first.get(2).packetNumber(), first.get(3).packetNumber()));
        List<DataPacket> retransmission = s.drain();
        assertThat(streamFrames(retransmission)).singleElement()
                .extracting(StreamFrame::offset).isEqualTo(streamFrames(first).get(0).offset());
        assertThat(s.connection.stats().lostPackets()).isEqualTo(1);
        assertThat(s.connection.stats().spuriousLosses()).isZero();

        // Packet 1 arrives 15 ms late: the loss was spurious.
        s.advance(15 * MS);
        s.send(ack(concat(numbers(first), numbers(retransmission))));
        assertThat(s.connection.stats().spuriousLosses()).isEqualTo(1);

        // Four more packets; the peer acknowledges the last three, not the first (really lost).
        s.write(bytes(4700, 5));
        long secondSentAt = s.now();
        List<DataPacket> second = drainEverything(s);
        assertThat(second).hasSizeGreaterThanOrEqualTo(4);
        StreamFrame lostFrame = streamFrames(second).get(0);
        s.advance(ScriptedConnection.HANDSHAKE_RTT_NANOS);
        s.send(ack(LongStream.of(numbers(second)).skip(1).toArray()));

        // The fixed thresholds would have retransmitted it now (three later packets acknowledged).
        assertThat(s.drain()).as("no retransmission before the reordering window passed").isEmpty();
        assertThat(s.connection.stats().lostPackets()).isEqualTo(1);

        // The time threshold declares it: one RTT plus the window (at most one smoothed RTT) after sending.
        List<DataPacket> repair = new ArrayList<>();
        for (int i = 0; i < 10 && repair.isEmpty(); i++) {
            s.advanceTo(s.nextDeadline());
            repair = s.drain();
        }
        long repairedAfterNanos = s.now() - secondSentAt;
        assertThat(streamFrames(repair)).singleElement().satisfies(f -> {
            assertThat(f.offset()).isEqualTo(lostFrame.offset());
            assertThat(f.dataLength()).isEqualTo(lostFrame.dataLength());
        });
        assertThat(s.connection.stats().lostPackets()).isEqualTo(2);
        assertThat(s.connection.stats().spuriousLosses()).isEqualTo(1);
        long rttNanos = ScriptedConnection.HANDSHAKE_RTT_NANOS;
        assertThat(repairedAfterNanos).as("later than the fixed 9/8 RTT, within about two RTTs")
                .isGreaterThan(rttNanos + rttNanos / 8)
                .isLessThanOrEqualTo(2 * rttNanos + s.config.flushDelay().toNanos() + MS);
    }

    private static long[] concat(long[] a, long[] b) {
        return LongStream.concat(LongStream.of(a), LongStream.of(b)).toArray();
    }

    private static List<DataPacket> drainEverything(ScriptedConnection s) {
        List<DataPacket> all = new ArrayList<>(s.drainPaced());
        s.advance(s.config.flushDelay().toNanos());
        all.addAll(s.drainPaced());
        return all;
    }
}
