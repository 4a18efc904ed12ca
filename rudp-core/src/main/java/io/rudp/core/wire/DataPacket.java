package io.rudp.core.wire;

import java.util.List;

/**
 * DATA (type 0x04, both directions, PROTOCOL.md §1): a numbered packet of frames.
 *
 * <p>On the wire only the low 32 bits of the packet number travel. {@link PacketCodec#encode}
 * writes {@code packetNumber}'s low 32 bits; {@link PacketCodec#decode} returns a packet whose
 * {@code packetNumber} is that truncated value ({@code 0..2^32-1}), which the receiver restores
 * with {@link PacketNumbers#restore}.
 *
 * @param destinationConnectionId the receiver's connection id, non-zero
 * @param packetNumber the full packet number (0..2^62-1) when sending; the truncated one when
 *     decoded
 * @param frames the frames, at least one, in wire order (an immutable copy is kept)
 */
public record DataPacket(long destinationConnectionId, long packetNumber, List<Frame> frames)
        implements Packet {

    /**
     * Validates the components and copies the frame list.
     *
     * @param destinationConnectionId the receiver's connection id, non-zero
     * @param packetNumber the full packet number (0..2^62-1) when sending; the truncated one when
     *     decoded
     * @param frames the frames, at least one, in wire order (an immutable copy is kept)
     * @throws IllegalArgumentException if the DCID is 0, the packet number is outside
     *     0..2^62-1 or there is no frame
     * @throws NullPointerException if {@code frames} or one of its elements is {@code null}
     */
    public DataPacket {
        ConnectionIds.requireNonZero(destinationConnectionId, "destinationConnectionId");
        if (packetNumber < 0 || packetNumber > Varint.MAX_VALUE) {
            throw new IllegalArgumentException("packet number out of range: " + packetNumber);
        }
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a DATA packet needs at least one frame");
        }
    }

    /** {@inheritDoc} */
    @Override
    public PacketType type() {
        return PacketType.DATA;
    }
}
