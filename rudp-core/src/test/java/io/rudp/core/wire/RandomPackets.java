package io.rudp.core.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded generator of valid packets of every type, with values spread over all varint sizes. */
final class RandomPackets {

    private static final String[] REASON_PIECES = {"a", "Z", " ", "é", "€", "\uD83D\uDE00", "ß"};
    private static final int DATA_BUDGET_BYTES = 1400;

    private final Random random;

    RandomPackets(Random random) {
        this.random = random;
    }

    Packet next() {
        return switch (random.nextInt(8)) {
            case 0 -> new InitialPacket(0, connectionId());
            case 1 -> new ChallengePacket(connectionId(), connectionId(), token(), params());
            case 2 -> new ResponsePacket(connectionId(), connectionId(), token(), params());
            case 3 -> new RefusePacket(connectionId(), errorCode(), reason());
            default -> data(); // DATA is what the engine sees most, and has the most structure
        };
    }

    DataPacket data() {
        List<Frame> frames = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        int bytes = 0;
        while (frames.size() < count) {
            Frame frame = frame();
            if (bytes + frame.encodedLength() > DATA_BUDGET_BYTES) {
                break;
            }
            bytes += frame.encodedLength();
            frames.add(frame);
        }
        if (frames.isEmpty()) {
            frames.add(PingFrame.INSTANCE);
        }
        return new DataPacket(connectionId(), varint() & 0xFFFF_FFFFL, frames);
    }

    Frame frame() {
        return switch (random.nextInt(10)) {
            case 0 -> new PaddingFrame(1 + random.nextInt(40));
            case 1 -> PingFrame.INSTANCE;
            case 2, 3 -> ack();
            case 4, 5 -> stream();
            case 6 -> new MaxDataFrame(varint());
            case 7 -> new DataBlockedFrame(varint());
            case 8 -> HandshakeDoneFrame.INSTANCE;
            default -> new CloseFrame(errorCode(), reason());
        };
    }

    AckFrame ack() {
        int wanted = random.nextInt(4) == 0 ? 1 + random.nextInt(64) : 1 + random.nextInt(4);
        long high = varint();
        long[] ranges = new long[2 * wanted];
        int count = 0;
        while (count < wanted && high >= 0) {
            long low = Math.max(0, high - smallOrLarge());
            ranges[2 * count] = high;
            ranges[2 * count + 1] = low;
            count++;
            high = low - smallOrLarge() - 2;
        }
        return new AckFrame(varint(), java.util.Arrays.copyOf(ranges, 2 * count));
    }

    StreamFrame stream() {
        int length = random.nextInt(5) == 0 ? 0 : random.nextInt(300);
        int slack = random.nextInt(8);
        byte[] data = new byte[length + slack];
        random.nextBytes(data);
        long offset = Math.min(varint(), Varint.MAX_VALUE - length);
        return new StreamFrame(offset, random.nextBoolean(), data, random.nextInt(slack + 1), length);
    }

    /** A value of a random varint size class, uniform inside the class. */
    long varint() {
        long max = switch (random.nextInt(4)) {
            case 0 -> 63;
            case 1 -> 16_383;
            case 2 -> (1L << 30) - 1;
            default -> Varint.MAX_VALUE;
        };
        return random.nextInt(8) == 0 ? max : (random.nextLong() & Long.MAX_VALUE) % (max + 1);
    }

    private long smallOrLarge() {
        return random.nextInt(4) == 0 ? varint() : random.nextInt(100);
    }

    long connectionId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }

    byte[] token() {
        int length = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 255;
            default -> random.nextInt(256);
        };
        byte[] token = new byte[length];
        random.nextBytes(token);
        return token;
    }

    TransportParameters params() {
        int maxDatagram = TransportParameters.MIN_DATAGRAM_BYTES + random.nextInt(
                TransportParameters.MAX_DATAGRAM_BYTES - TransportParameters.MIN_DATAGRAM_BYTES + 1);
        return new TransportParameters(maxDatagram, varint(), varint(), varint());
    }

    ErrorCode errorCode() {
        ErrorCode[] codes = ErrorCode.values();
        return codes[random.nextInt(codes.length)];
    }

    String reason() {
        int pieces = random.nextInt(6) == 0 ? 100 + random.nextInt(100) : random.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(REASON_PIECES[random.nextInt(REASON_PIECES.length)]);
        }
        return sb.toString();
    }
}
