package io.rudp.core;

import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.Frame;
import io.rudp.core.wire.MalformedPacketException;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PacketCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A hand-driven peer for state-machine tests: injects exactly the packets a test writes into one
 * endpoint at virtual instants the test chooses, and decodes exactly what the endpoint emits.
 */
final class ScriptedPeer {

    static final long START_NANOS = 5_000_000_000L;

    final Endpoint endpoint;
    final InetSocketAddress peerAddress;
    long nowNanos = START_NANOS;
    private final ByteBuffer out = ByteBuffer.allocate(70_000);

    ScriptedPeer(EngineConfig config, long seed, InetSocketAddress peerAddress) {
        this.endpoint = new Endpoint(config, new SplittableRandom(seed));
        this.peerAddress = peerAddress;
    }

    static InetSocketAddress address(int lastOctet, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) lastOctet}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Encodes and hands {@code p} to the endpoint as coming from the peer; returns its size. */
    int send(Packet p) {
        return sendFrom(peerAddress, p);
    }

    int sendFrom(InetSocketAddress from, Packet p) {
        ByteBuffer b = ByteBuffer.allocate(70_000);
        int size = PacketCodec.encode(p, b);
        b.flip();
        endpoint.handleDatagram(nowNanos, from, b);
        return size;
    }

    void sendRaw(byte[] datagram) {
        endpoint.handleDatagram(nowNanos, peerAddress, ByteBuffer.wrap(datagram));
    }

    /** Every datagram the endpoint wants to send now, decoded. */
    List<Packet> drain() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            out.clear();
            InetSocketAddress to = endpoint.pollTransmit(nowNanos, out);
            if (to == null) {
                return packets;
            }
            try {
                packets.add(PacketCodec.decode(out));
            } catch (MalformedPacketException e) {
                throw new AssertionError("the endpoint emitted an undecodable datagram", e);
            }
        }
        throw new AssertionError("the endpoint never stopped sending");
    }

    /** Moves the clock to the endpoint's next deadline (if any, and not beyond {@code limitNanos}) and fires it. */
    boolean advanceToNextDeadline(long limitNanos) {
        long d = endpoint.nextDeadlineNanos();
        if (d == DatagramEngine.NO_DEADLINE || d - limitNanos > 0) {
            return false;
        }
        if (d - nowNanos > 0) {
            nowNanos = d;
        }
        endpoint.handleTimeout(nowNanos);
        return true;
    }

    void advanceBy(long nanos) {
        nowNanos += nanos;
        endpoint.handleTimeout(nowNanos);
    }

    static <T extends Frame> List<T> frames(List<Packet> packets, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Packet p : packets) {
            if (p instanceof DataPacket) {
                for (Frame f : ((DataPacket) p).frames()) {
                    if (type.isInstance(f)) {
                        found.add(type.cast(f));
                    }
                }
            }
        }
        return found;
    }

    static <T extends Packet> List<T> only(List<Packet> packets, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Packet p : packets) {
            if (type.isInstance(p)) {
                found.add(type.cast(p));
            }
        }
        return found;
    }
}
