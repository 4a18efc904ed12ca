package io.rudp.core;

import static io.rudp.core.ScriptedConnection.ack;
import static io.rudp.core.ScriptedConnection.bytes;
import static io.rudp.core.ScriptedConnection.data;
import static io.rudp.core.ScriptedConnection.numbers;
import static io.rudp.core.ScriptedConnection.streamFrames;
import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ScriptedConnection.Side;
import io.rudp.core.loss.LossDetector;
import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PingFrame;
import io.rudp.core.wire.StreamFrame;
import io.rudp.core.wire.TransportParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What acknowledgements of our packets do, and what happens when they do not come: freed send
 * buffer space, an ACK for a packet never sent, the probe timeout, packet-threshold loss and
 * retransmission in a new packet, probes that carry the oldest unacknowledged bytes, their backoff
 * capped at half a second, and giving up after the peer timeout and never before (docs/PROTOCOL.md §5).
 */
class LossAndProbeTest {

    private static final long CEILING = io.rudp.core.loss.LossDetector.MAX_PROBE_BACKOFF_NANOS;

    @ParameterizedTest
    @EnumSource(Side.class)
    void anAckFreesSendBufferSpace(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.builder().sendBufferBytes(4096).build());
        s.write(bytes(4096, 1));
        assertThat(s.connection.writableBytes()).isZero();
        assertThat(s.connection.write(s.now(), new byte[10], 0, 10)).as("a full buffer takes nothing").isZero();
        List<DataPacket> sent = drainEverything(s);
        List<StreamFrame> frames = streamFrames(sent);
        assertThat(frames.stream().mapToInt(StreamFrame::dataLength).sum()).isEqualTo(4096);

        s.send(ack(sent.get(0).packetNumber()));
        assertThat(s.connection.writableBytes()).isEqualTo(frames.get(0).dataLength());

        s.send(ack(numbers(sent)));
        assertThat(s.connection.writableBytes()).isEqualTo(4096);
        assertThat(s.connection.write(s.now(), new byte[4096], 0, 4096)).isEqualTo(4096);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aWriteAFullBufferRefusesIsNoActivityButTheAckThatFreesSpaceIs(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.builder().sendBufferBytes(4096).build());
        List<Connection> changes = new ArrayList<>();
        s.peer.endpoint.setConnectionListener(changes::add);
        s.write(bytes(4096, 1));
        List<DataPacket> sent = drainEverything(s);
        changes.clear();

        // A driver re-pumps a connection on every change: a refused write must not be one, or a
        // writer ahead of a full buffer keeps the driver turning without sleeping.
        assertThat(s.connection.write(s.now(), new byte[10], 0, 10)).isZero();
        assertThat(changes).isEmpty();

        s.send(ack(numbers(sent)));
        assertThat(changes).contains(s.connection);
        assertThat(s.connection.write(s.now(), new byte[10], 0, 10)).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void anAckNamingAPacketNeverSentClosesWithProtocolViolation(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(bytes(10, 2));
        long sentPn = s.drain().get(0).packetNumber();

        s.send(ack(sentPn + 1));

        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.PROTOCOL_ERROR);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
        assertThat(s.drainDescribed()).containsExactly(
                "[CLOSE PROTOCOL_VIOLATION: the peer acknowledged packet " + (sentPn + 1) + ", which was never sent]");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void sendsTwoProbesAtTheProbeTimeoutAndDoublesTheTimeoutEachTime(Side side) {
        // A peer max_ack_delay unlike our own: the probe timeout must use the peer's (RFC 9002 §6.2.1).
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.defaults(),
                new TransportParameters(1200, 65_536, 60_000, 0));
        long sentAt = s.now();
        s.write(bytes(100, 3));
        List<DataPacket> original = s.drain();
        assertThat(ScriptedConnection.describe(original)).containsExactly("[STREAM 0+100]");
        long pto = s.probeTimeoutNanos();
        assertThat(s.nextDeadline()).isEqualTo(sentAt + pto);

        s.advanceTo(sentAt + pto - 1);
        assertThat(s.drain()).isEmpty();
        s.advance(1);

        // Nothing new is queued, so both probes carry the oldest unacknowledged bytes (§5,
        // RFC 9002 §6.2.4): a lost lone packet is repaired by the probe itself.
        List<DataPacket> probes = s.drain();
        assertThat(ScriptedConnection.describe(probes)).containsExactly("[STREAM 0+100]", "[STREAM 0+100]");
        assertThat(probes.get(0).packetNumber()).isGreaterThan(original.get(0).packetNumber());
        assertThat(probes.get(1).packetNumber()).isGreaterThan(probes.get(0).packetNumber());
        assertThat(s.connection.stats().probeTimeouts()).isEqualTo(1);

        long firstProbeAt = s.now();
        assertThat(s.nextDeadline()).as("the second probe timeout is twice as long").isEqualTo(firstProbeAt + 2 * pto);
        s.advanceTo(firstProbeAt + 2 * pto);
        assertThat(s.drainDescribed()).containsExactly("[STREAM 0+100]", "[STREAM 0+100]");

        // An acknowledgement ends the backoff: no more probes once everything is acknowledged.
        s.send(ack(numbers(original)[0], probes.get(0).packetNumber(), probes.get(1).packetNumber()));
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aLostLoneMessageIsResentWithinTwoRoundTripsWithTheDefaultAckDelay(Side side) {
        // The peer advertises the default max_ack_delay, as an rudp peer does.
        long peerAckDelayMicros = EngineConfig.defaults().ackDelay().toNanos() / 1_000;
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.defaults(),
                new TransportParameters(1200, 65_536, peerAckDelayMicros, 0));
        long rtt = ScriptedConnection.HANDSHAKE_RTT_NANOS;
        // A dozen messages answered one round trip later settle the RTT variation.
        for (int i = 0; i < 12; i++) {
            s.write(bytes(64, i));
            List<DataPacket> sent = s.drain();
            s.advance(rtt);
            s.send(ack(numbers(sent)));
        }
        long sentAt = s.now();
        s.write(bytes(64, 9));
        assertThat(s.drainDescribed()).containsExactly("[STREAM 768+64]");

        // The message is lost: the first thing sent again is the message itself, not a PING
        // whose acknowledgement would reveal the loss a round trip later.
        long resendAt = s.nextDeadline();
        assertThat(resendAt - sentAt).as("resent within two round trips (RTT %d ns)", rtt)
                .isLessThanOrEqualTo(2 * rtt);
        s.advanceTo(resendAt);
        assertThat(s.drainDescribed()).containsExactly("[STREAM 768+64]", "[STREAM 768+64]");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void probesCarryOnlyTheUnacknowledgedPartAndTheFin(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(bytes(2_000, 10));
        s.connection.shutdownOutput(s.now());
        List<DataPacket> sent = drainEverything(s);
        List<StreamFrame> frames = streamFrames(sent);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).fin()).isTrue();
        // The first packet is acknowledged, the second (with the FIN) is not.
        s.advance(ScriptedConnection.HANDSHAKE_RTT_NANOS);
        s.send(ack(sent.get(0).packetNumber()));
        List<String> probes = List.of();
        for (int i = 0; i < 3 && probes.isEmpty(); i++) {
            s.advanceTo(s.nextDeadline());
            probes = s.drainDescribed();
        }
        StreamFrame tail = frames.get(1);
        String expected = "[STREAM_FIN " + tail.offset() + "+" + tail.dataLength() + "]";
        assertThat(probes).containsExactly(expected, expected);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void retransmitsThePacketsBytesInANewPacketOnceThreeLaterPacketsAreAcknowledged(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        byte[] payload = bytes(4700, 4);
        s.write(payload);
        List<DataPacket> sent = drainEverything(s);
        assertThat(sent).hasSizeGreaterThanOrEqualTo(4);
        assertThat(sent).allSatisfy(p -> assertThat(p.frames()).hasSize(1));
        StreamFrame lostFrame = streamFrames(sent).get(0);
        long largestSent = sent.get(sent.size() - 1).packetNumber();
        s.advance(ScriptedConnection.HANDSHAKE_RTT_NANOS);

        // Packets 2, 3 and 4 arrive; packet 1 is 3 below the largest acknowledged: lost (RFC 9002 §6.1.1).
        s.send(ack(sent.get(1).packetNumber(), sent.get(2).packetNumber(), sent.get(3).packetNumber()));

        List<DataPacket> out = s.drain();
        assertThat(ScriptedConnection.describe(out))
                .containsExactly("[STREAM " + lostFrame.offset() + "+" + lostFrame.dataLength() + "]");
        assertThat(out.get(0).packetNumber()).as("a retransmission never reuses a packet number").isGreaterThan(largestSent);
        assertThat(data(streamFrames(out).get(0))).isEqualTo(data(lostFrame))
                .isEqualTo(Arrays.copyOfRange(payload, 0, lostFrame.dataLength()));
        assertThat(s.connection.stats().lostPackets()).isEqualTo(1);
        assertThat(s.connection.stats().retransmittedPackets()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void anAckRangeReachingBelowOurFirstPacketClosesWithProtocolViolation(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(bytes(10, 2));
        long sentPn = s.drain().get(0).packetNumber();
        assertThat(s.firstPacketNumber).isPositive();

        // The largest is genuine, but the range also names the number just below our first packet.
        s.send(ScriptedConnection.ackRange(s.firstPacketNumber - 1, sentPn));

        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
        List<DataPacket> out = s.drain();
        assertThat(ScriptedPeer.frames(new ArrayList<Packet>(out), CloseFrame.class))
                .singleElement().extracting(CloseFrame::errorCode).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void probesCarryNewDataWhenTheCongestionWindowHeldItBack(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(bytes(30_000, 8));
        List<DataPacket> burst = s.drainPaced();
        long sentEnd = coveredUpTo(streamFrames(burst), 0);
        assertThat(sentEnd).as("the congestion window stops the burst").isLessThan(30_000);
        assertThat(s.drain()).isEmpty();

        s.advanceTo(s.nextDeadline());

        List<DataPacket> probes = s.drain();
        assertThat(probes).hasSize(2).allSatisfy(p -> assertThat(ScriptedConnection.describe(p)).startsWith("[STREAM "));
        assertThat(coveredUpTo(streamFrames(probes), sentEnd)).isGreaterThan(sentEnd);
        assertThat(s.connection.stats().probeTimeouts()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void retransmitsAPacketNineEighthsOfAnRttOlderThanAnAcknowledgedLaterOne(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        long firstSentAt = s.now();
        s.write(bytes(100, 9));
        List<DataPacket> first = s.drain();
        s.write(bytes(100, 10));
        s.advance(s.config.flushDelay().toNanos());
        long secondSentAt = s.now();
        List<DataPacket> second = s.drain();
        assertThat(ScriptedConnection.describe(first)).containsExactly("[STREAM 0+100]");
        assertThat(ScriptedConnection.describe(second)).containsExactly("[STREAM 100+100]");
        s.advanceTo(secondSentAt + ScriptedConnection.HANDSHAKE_RTT_NANOS);

        // Only one later packet is acknowledged: not lost by count, so by time (RFC 9002 §6.1.2).
        s.send(ack(second.get(0).packetNumber()));
        long rtt = Math.max(s.connection.stats().smoothedRttNanos(), s.now() - secondSentAt);
        long lostAt = firstSentAt + rtt + rtt / 8;
        assertThat(s.drain()).isEmpty();
        assertThat(s.nextDeadline()).isEqualTo(lostAt);

        s.advanceTo(lostAt);

        List<DataPacket> out = s.drain();
        assertThat(ScriptedConnection.describe(out)).containsExactly("[STREAM 0+100]");
        assertThat(out.get(0).packetNumber()).isGreaterThan(second.get(0).packetNumber());
        assertThat(s.connection.stats().lostPackets()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void probesBackOffToOneSecondAndTheConnectionFailsExactlyAtThePeerTimeout(Side side) {
        long peerTimeout = Duration.ofSeconds(5).toNanos();
        ScriptedConnection s = ScriptedConnection.establish(side,
                EngineConfig.builder().peerTimeout(Duration.ofNanos(peerTimeout)).build());
        long sentAt = s.now();
        s.write(bytes(100, 5));
        assertThat(s.drain()).hasSize(1);
        long pto = s.probeTimeoutNanos();
        assertThat(pto).as("a 20 ms path probes far more often than twice a second").isLessThan(CEILING / 4);
        long deadline = sentAt + peerTimeout;

        // Each unanswered probe timeout doubles the next period, up to 500 ms: probes keep going
        // out every half second for the whole peer timeout. Two probes per timeout while the
        // period doubles, one once the period has reached the ceiling (from the second timeout on).
        long probeAt = sentAt;
        int rounds = 0;
        while (true) {
            long next = probeAt + Math.min(pto << rounds, CEILING);
            if (next - deadline >= 0) {
                break;
            }
            probeAt = next;
            assertThat(s.nextDeadline()).as("probe round %d", rounds + 1).isEqualTo(probeAt);
            s.advanceTo(probeAt);
            boolean oneProbe = rounds + 1 >= 2 && (pto << (rounds + 1)) >= CEILING;
            List<String> expected = oneProbe ? List.of("[STREAM 0+100]") : List.of("[STREAM 0+100]", "[STREAM 0+100]");
            assertThat(s.drainDescribed()).as("probe round %d", rounds + 1).isEqualTo(expected);
            assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
            rounds++;
        }
        // 20 ms RTT: 3 doublings (pto, 2, 4 pto < 500 ms) then 500 ms apart until 5 s.
        assertThat(rounds).isGreaterThanOrEqualTo(10);
        assertThat(s.connection.stats().probeTimeouts()).isEqualTo(rounds);

        // Never before the peer timeout, whatever the count of probe timeouts.
        assertThat(s.nextDeadline()).isEqualTo(deadline);
        s.advanceTo(deadline - 1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.drain()).isEmpty();
        s.advance(1);

        assertThat(s.drainDescribed()).containsExactly("[CLOSE TIMEOUT: no answer for 5000 ms]");
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.TIMED_OUT);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(s.connection.closeReason().message()).contains("peer timeout of 5000 ms");

        long closingEnds = deadline + s.threeProbeTimeoutsNanos();
        s.advanceTo(closingEnds - 1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSING);
        s.advance(1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.TIMED_OUT);
        assertThat(s.drain()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void anyPacketFromThePeerRestartsThePeerTimeout(Side side) {
        long peerTimeout = Duration.ofSeconds(5).toNanos();
        ScriptedConnection s = ScriptedConnection.establish(side,
                EngineConfig.builder().peerTimeout(Duration.ofNanos(peerTimeout)).build());
        s.write(bytes(100, 5));
        assertThat(s.drain()).hasSize(1);

        // Probes go unanswered for 4 s; then the peer is heard (a PING: it acknowledges nothing).
        s.advance(Duration.ofSeconds(4).toNanos());
        s.drain();
        long heardAt = s.now();
        s.send(PingFrame.INSTANCE);
        s.drain();

        // The 5 s count again from what was heard: alive at 9 s after the write, not before.
        assertTimesOutAt(s, heardAt + peerTimeout);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aQuietSpellBeforeAWriteDoesNotCountAgainstThePeerTimeout(Side side) {
        long peerTimeout = Duration.ofSeconds(5).toNanos();
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.builder()
                .peerTimeout(Duration.ofNanos(peerTimeout)).keepAliveInterval(Duration.ZERO).build());

        // Nothing is awaited and nothing heard for 20 s: no failure, and no timer for it.
        s.advance(Duration.ofSeconds(20).toNanos());
        assertThat(s.drain()).isEmpty();
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);

        // A write begins a wait: the peer timeout counts from it, not from the last packet heard.
        long writtenAt = s.now();
        s.write(bytes(100, 5));
        assertThat(s.drain()).hasSize(1);
        assertTimesOutAt(s, writtenAt + peerTimeout);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void whenTheIdleTimeoutEndsASilentWaitFirstItClosesSilently(Side side) {
        // The idle timeout (nothing heard at all) is the other limit; the earlier one ends the connection.
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.builder()
                .idleTimeout(Duration.ofSeconds(3)).keepAliveInterval(Duration.ZERO).build());
        s.send(PingFrame.INSTANCE);
        long lastHeard = s.now();
        s.write(bytes(100, 5));
        s.drain();
        s.advanceTo(lastHeard + Duration.ofSeconds(3).toNanos() - 1);
        s.drain();
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        s.advance(1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
        assertThat(s.drain()).isEmpty();
    }

    /** Asserts the frames cover [from, end) contiguously, in order, and returns end. */
    private static long coveredUpTo(List<StreamFrame> frames, long from) {
        long next = from;
        for (StreamFrame f : frames) {
            assertThat(f.offset()).as("stream frames are contiguous and in order").isEqualTo(next);
            next += f.dataLength();
        }
        return next;
    }

    /** Drains now and again after the flush delay, so a held partial packet goes out too. */
    private static List<DataPacket> drainEverything(ScriptedConnection s) {
        List<DataPacket> all = new ArrayList<>(s.drainPaced());
        s.advance(s.config.flushDelay().toNanos());
        all.addAll(s.drainPaced());
        return all;
    }

    /** Alive (ESTABLISHED) until just before {@code deadlineNanos}; at it, CLOSING with TIMED_OUT (the peer timeout). */
    private static void assertTimesOutAt(ScriptedConnection s, long deadlineNanos) {
        s.advanceTo(deadlineNanos - 1);
        s.drain();
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        s.advance(1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.TIMED_OUT);
    }
}
