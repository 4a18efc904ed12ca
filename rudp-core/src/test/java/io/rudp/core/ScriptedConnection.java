package io.rudp.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.wire.AckFrame;
import io.rudp.core.wire.ChallengePacket;
import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.DataBlockedFrame;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.Frame;
import io.rudp.core.wire.HandshakeDoneFrame;
import io.rudp.core.wire.InitialPacket;
import io.rudp.core.wire.MaxDataFrame;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PaddingFrame;
import io.rudp.core.wire.PingFrame;
import io.rudp.core.wire.ResponsePacket;
import io.rudp.core.wire.StreamFrame;
import io.rudp.core.wire.TransportParameters;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ESTABLISHED connection inside a {@link ScriptedPeer}, with the test playing the other side:
 * either a server-side connection whose client is scripted (handshake completed by hand as
 * {@link ServerHandshakeTest} does) or a client-side connection whose server is scripted (as
 * {@link ClientHandshakeTest} does).
 *
 * <p>After {@link #establish} nothing is pending on either side: the handshake took two RTT samples
 * of {@link #HANDSHAKE_RTT_NANOS}, the HANDSHAKE_DONE (server) was acknowledged by the scripted
 * client, the client's acknowledgement of the first DATA packet (client) was drained, and no
 * packet of ours is in flight.
 */
final class ScriptedConnection {

    /** Which role the connection under test plays; the test scripts the other one. */
    enum Side { SERVER, CLIENT }

    /** The scripted peer's connection id: the DCID of everything the connection sends. */
    static final long PEER_CID = 0x0123_4567_89ab_cdefL;
    /** The round trip the scripted handshake simulates. */
    static final long HANDSHAKE_RTT_NANOS = 20_000_000L;
    /** The scripted peer numbers its DATA packets from here. */
    static final long FIRST_PEER_PACKET_NUMBER = 1_000;

    private static final byte[] SCRIPTED_SERVER_TOKEN = new byte[25];

    final Side side;
    final ScriptedPeer peer;
    final Connection connection;
    final EngineConfig config;
    final TransportParameters peerParams;
    private long nextPeerPacketNumber = FIRST_PEER_PACKET_NUMBER;
    private long lastPeerPacketNanos;
    /** The number of the first DATA packet the connection sent (HANDSHAKE_DONE, or the client's first ACK). */
    long firstPacketNumber;

    private ScriptedConnection(Side side, ScriptedPeer peer, Connection connection, EngineConfig config,
                               TransportParameters peerParams) {
        this.side = side;
        this.peer = peer;
        this.connection = connection;
        this.config = config;
        this.peerParams = peerParams;
    }

    /** An established connection on {@code side} with default settings and default peer parameters. */
    static ScriptedConnection establish(Side side) {
        return establish(side, EngineConfig.defaults(), TransportParameters.DEFAULTS);
    }

    /** An established connection on {@code side} built with {@code config}; the peer uses default parameters. */
    static ScriptedConnection establish(Side side, EngineConfig config) {
        return establish(side, config, TransportParameters.DEFAULTS);
    }

    /** Completes the handshake by hand; {@code peerParams} are the scripted peer's transport parameters. */
    static ScriptedConnection establish(Side side, EngineConfig config, TransportParameters peerParams) {
        return side == Side.SERVER ? establishServer(config, peerParams) : establishClient(config, peerParams);
    }

    private static ScriptedConnection establishServer(EngineConfig config, TransportParameters clientParams) {
        ScriptedPeer client = new ScriptedPeer(config, 21, ScriptedPeer.address(9, 5000));
        client.endpoint.listen();
        client.send(new InitialPacket(0, PEER_CID));
        ChallengePacket challenge = ScriptedPeer.only(client.drain(), ChallengePacket.class).get(0);
        client.nowNanos += HANDSHAKE_RTT_NANOS;
        client.send(new ResponsePacket(challenge.sourceConnectionId(), PEER_CID, challenge.token(), clientParams));
        Connection accepted = client.endpoint.pollAccepted();
        assertThat(accepted).isNotNull();
        ScriptedConnection s = new ScriptedConnection(Side.SERVER, client, accepted, config, clientParams);
        List<DataPacket> confirmation = s.drain();
        assertThat(describe(confirmation)).containsExactly("[HANDSHAKE_DONE]");
        s.firstPacketNumber = confirmation.get(0).packetNumber();
        client.nowNanos += HANDSHAKE_RTT_NANOS;
        s.send(ack(confirmation.get(0).packetNumber()));
        assertThat(s.drain()).isEmpty();
        assertThat(accepted.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(accepted.stats().bytesInFlight()).isZero();
        return s;
    }

    private static ScriptedConnection establishClient(EngineConfig config, TransportParameters serverParams) {
        ScriptedPeer server = new ScriptedPeer(config, 22, ScriptedPeer.address(1, 443));
        Connection c = server.endpoint.connect(server.nowNanos, server.peerAddress);
        assertThat(ScriptedPeer.only(server.drain(), InitialPacket.class)).hasSize(1);
        server.nowNanos += HANDSHAKE_RTT_NANOS;
        server.send(new ChallengePacket(c.localConnectionId(), PEER_CID, SCRIPTED_SERVER_TOKEN, serverParams));
        assertThat(ScriptedPeer.only(server.drain(), ResponsePacket.class)).hasSize(1);
        server.nowNanos += HANDSHAKE_RTT_NANOS;
        ScriptedConnection s = new ScriptedConnection(Side.CLIENT, server, c, config, serverParams);
        long confirmation = s.send(HandshakeDoneFrame.INSTANCE);
        assertThat(c.state()).isEqualTo(ConnectionState.ESTABLISHED);
        // The confirmation is acknowledged within the ACK delay; take that ACK so nothing is pending.
        assertThat(s.drain()).isEmpty();
        s.advance(config.ackDelay().toNanos());
        List<DataPacket> firstAck = s.drain();
        assertThat(describe(firstAck)).containsExactly("[" + ackText(confirmation) + "]");
        s.firstPacketNumber = firstAck.get(0).packetNumber();
        assertThat(c.stats().bytesInFlight()).isZero();
        return s;
    }

    // ---------------------------------------------------------------- the scripted peer's packets

    /** The virtual clock. */
    long now() {
        return peer.nowNanos;
    }

    /** Sends a DATA packet with the next packet number; returns that number. */
    long send(Frame... frames) {
        long pn = nextPeerPacketNumber++;
        sendNumbered(pn, frames);
        return pn;
    }

    /** Sends a DATA packet with the given packet number (a duplicate, or one out of order). */
    void sendNumbered(long pn, Frame... frames) {
        peer.send(packet(pn, frames));
        nextPeerPacketNumber = Math.max(nextPeerPacketNumber, pn + 1);
        lastPeerPacketNanos = peer.nowNanos;
    }

    /** When the scripted peer last sent a DATA packet from its own address. */
    long lastPeerPacketNanos() {
        return lastPeerPacketNanos;
    }

    /** Reserves the next packet number without sending it (a packet the network lost). */
    long skipPacketNumber() {
        return nextPeerPacketNumber++;
    }

    /** The DATA packet the scripted peer would send with this number. */
    DataPacket packet(long pn, Frame... frames) {
        return new DataPacket(connection.localConnectionId(), pn, List.of(frames));
    }

    /** Sends a DATA packet for the connection from another address (the next packet number is used up). */
    void sendFrom(InetSocketAddress from, Frame... frames) {
        peer.sendFrom(from, packet(nextPeerPacketNumber++, frames));
    }

    // ---------------------------------------------------------------- what the connection sends

    /** Everything the endpoint sends now; asserts each is a DATA packet for the scripted peer. */
    List<DataPacket> drain() {
        List<Packet> out = peer.drain();
        List<DataPacket> data = new ArrayList<>();
        for (Packet p : out) {
            assertThat(p).as("the connection sends only DATA packets once established").isInstanceOf(DataPacket.class);
            assertThat(p.destinationConnectionId()).isEqualTo(PEER_CID);
            data.add((DataPacket) p);
        }
        return data;
    }

    /**
     * Everything the endpoint sends now and, while only the pacer holds packets back (RFC 9002
     * §7.7), at each pacing deadline after: what would go at once without pacing. The clock ends
     * at the last pacing deadline passed.
     */
    List<DataPacket> drainPaced() {
        List<DataPacket> all = new ArrayList<>(drain());
        while (connection.pacingDeadlineNanos() != Connection.NO_DEADLINE) {
            advanceTo(connection.pacingDeadlineNanos());
            all.addAll(drain());
        }
        return all;
    }

    /** {@link #drain()} described frame by frame, one string per packet. */
    List<String> drainDescribed() {
        return describe(drain());
    }

    /** Moves the clock by {@code nanos} and fires whatever timers are due. */
    void advance(long nanos) {
        peer.advanceBy(nanos);
    }

    /** Moves the clock to {@code atNanos} (not backwards) and fires whatever timers are due. */
    void advanceTo(long atNanos) {
        assertThat(atNanos - peer.nowNanos).isNotNegative();
        peer.advanceBy(atNanos - peer.nowNanos);
    }

    /** The endpoint's next deadline, which must be armed. */
    long nextDeadline() {
        long d = peer.endpoint.nextDeadlineNanos();
        assertThat(d).as("a timer is armed").isNotEqualTo(DatagramEngine.NO_DEADLINE);
        return d;
    }

    /** Writes all of {@code data} (asserting the send buffer takes it) at the current time. */
    void write(byte[] data) {
        assertThat(connection.write(now(), data, 0, data.length)).isEqualTo(data.length);
    }

    /** Reads up to {@code max} bytes; returns what was read (empty at 0, null at end of stream). */
    byte[] read(int max) {
        byte[] buf = new byte[max];
        int n = connection.read(buf, 0, max);
        return n < 0 ? null : Arrays.copyOf(buf, n);
    }

    /**
     * Three probe timeouts without backoff computed from the connection's RTT estimate and the
     * peer's max ACK delay (docs/PROTOCOL.md §5-6: {@code srtt + max(4 rttvar, 1 ms) + max_ack_delay},
     * clamped to [minRto, maxRto]): how long lingering, closing and draining last.
     */
    long threeProbeTimeoutsNanos() {
        return 3 * probeTimeoutNanos();
    }

    /** One probe timeout without backoff, from the spec's formula and the current estimates. */
    long probeTimeoutNanos() {
        ConnectionStats st = connection.stats();
        long pto = st.smoothedRttNanos() + Math.max(4 * st.rttVarianceNanos(), 1_000_000L)
                + peerParams.maxAckDelayMicros() * 1_000;
        return Math.min(Math.max(pto, config.minRto().toNanos()), config.maxRto().toNanos());
    }

    // ---------------------------------------------------------------- frames

    /** A STREAM frame carrying all of {@code data} at {@code offset}. */
    static StreamFrame stream(long offset, byte[] data) {
        return new StreamFrame(offset, false, data, 0, data.length);
    }

    /** A STREAM_FIN frame: {@code data} at {@code offset}, and the stream ends after it. */
    static StreamFrame streamFin(long offset, byte[] data) {
        return new StreamFrame(offset, true, data, 0, data.length);
    }

    /** An ACK frame (delay 0) acknowledging exactly {@code packetNumbers}. */
    static AckFrame ack(long... packetNumbers) {
        long[] sorted = packetNumbers.clone();
        Arrays.sort(sorted);
        List<long[]> ranges = new ArrayList<>();
        for (int i = sorted.length - 1; i >= 0; i--) {
            long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && sorted[i] >= last[1] - 1) {
                last[1] = Math.min(last[1], sorted[i]);
            } else {
                ranges.add(new long[] {sorted[i], sorted[i]});
            }
        }
        long[] flat = new long[2 * ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            flat[2 * i] = ranges.get(i)[0];
            flat[2 * i + 1] = ranges.get(i)[1];
        }
        return new AckFrame(0, flat);
    }

    /** {@link #ack} of every number from {@code low} to {@code high}. */
    static AckFrame ackRange(long low, long high) {
        return new AckFrame(0, new long[] {high, low});
    }

    /** The packet numbers of {@code packets}. */
    static long[] numbers(List<DataPacket> packets) {
        return packets.stream().mapToLong(DataPacket::packetNumber).toArray();
    }

    /** {@code length} recognisable bytes derived from {@code seed}. */
    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + 31 * i);
        }
        return b;
    }

    // ---------------------------------------------------------------- describing packets

    /** Each packet as "[FRAME, FRAME]", frames in wire order (see {@link #describe(Frame)}). */
    static List<String> describe(List<DataPacket> packets) {
        return packets.stream().map(ScriptedConnection::describe).collect(Collectors.toList());
    }

    /** One packet as "[FRAME, FRAME]". */
    static String describe(DataPacket p) {
        return p.frames().stream().map(ScriptedConnection::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * A frame as text: "ACK 7..9 3..3" (ranges highest first, delay left out), "STREAM 0+5",
     * "STREAM_FIN 0+5" (offset + length), "MAX_DATA 6144", "DATA_BLOCKED 2000", "PING",
     * "HANDSHAKE_DONE", "CLOSE PROTOCOL_VIOLATION: reason", "PADDING".
     */
    static String describe(Frame f) {
        if (f instanceof AckFrame a) {
            StringBuilder sb = new StringBuilder("ACK");
            for (int i = 0; i < a.rangeCount(); i++) {
                sb.append(' ').append(a.rangeLow(i)).append("..").append(a.rangeHigh(i));
            }
            return sb.toString();
        } else if (f instanceof StreamFrame s) {
            return (s.fin() ? "STREAM_FIN " : "STREAM ") + s.offset() + "+" + s.dataLength();
        } else if (f instanceof MaxDataFrame m) {
            return "MAX_DATA " + m.maximumData();
        } else if (f instanceof DataBlockedFrame d) {
            return "DATA_BLOCKED " + d.limit();
        } else if (f instanceof CloseFrame c) {
            return "CLOSE " + c.errorCode() + ": " + c.reason();
        } else if (f instanceof PingFrame) {
            return "PING";
        } else if (f instanceof HandshakeDoneFrame) {
            return "HANDSHAKE_DONE";
        } else if (f instanceof PaddingFrame) {
            return "PADDING";
        }
        throw new AssertionError("unknown frame " + f);
    }

    /** The text {@link #describe(Frame)} gives an ACK of exactly the numbers {@code low..high}. */
    static String ackText(long low, long high) {
        return "ACK " + low + ".." + high;
    }

    /** The text {@link #describe(Frame)} gives an ACK of exactly {@code pn}. */
    static String ackText(long pn) {
        return ackText(pn, pn);
    }

    /** Every STREAM or STREAM_FIN frame in {@code packets}, in order. */
    static List<StreamFrame> streamFrames(List<DataPacket> packets) {
        List<Packet> asPackets = new ArrayList<>(packets);
        return ScriptedPeer.frames(asPackets, StreamFrame.class);
    }

    /** A copy of the bytes a STREAM frame carries. */
    static byte[] data(StreamFrame f) {
        return Arrays.copyOfRange(f.data(), f.dataOffset(), f.dataOffset() + f.dataLength());
    }
}
