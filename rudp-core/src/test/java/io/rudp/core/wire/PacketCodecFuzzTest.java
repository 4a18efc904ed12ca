package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.wire.MalformedPacketException.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Deterministic fuzzing of {@link PacketCodec#decode}: random datagrams and mutations of valid
 * ones, with the CRC left as is and recomputed. Only {@link MalformedPacketException} may come
 * out, and whatever decodes must re-encode and decode to the same packet.
 */
class PacketCodecFuzzTest {

    private static final long SEED = 0x5EED_0F_C0DECL;
    private static final int RANDOM_INPUTS = 25_000;
    private static final int RESEALED_RANDOM_INPUTS = 15_000;
    private static final int MUTATIONS_PER_MODE = 35_000;
    private static final int MAX_RANDOM_LENGTH = 1500;
    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x02, 0x3F, 0x40, 0x7F, 0x80,
        0xBF, 0xC0, 0xFF};

    private final Random random = new Random(SEED);
    private final RandomPackets packets = new RandomPackets(random);
    private int inputs;
    private int decodedCount;

    /** Decodes, returning the rejection reason or {@code null}; anything else fails the test. */
    private Reason tryDecode(byte[] datagram) {
        inputs++;
        ByteBuffer in;
        if (inputs % 8 == 0) {
            in = ByteBuffer.allocateDirect(datagram.length).put(datagram).flip();
        } else {
            in = ByteBuffer.wrap(datagram);
        }
        Packet packet;
        try {
            packet = PacketCodec.decode(in);
        } catch (MalformedPacketException e) {
            return e.reason();
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decode threw " + e + " for " + hex(datagram), e);
        }
        decodedCount++;
        assertThat(in.hasRemaining()).isFalse();
        assertReEncodes(packet, datagram);
        return null;
    }

    private static void assertReEncodes(Packet packet, byte[] input) {
        byte[] again;
        try {
            again = Datagrams.encode(packet);
        } catch (RuntimeException e) {
            throw new AssertionError("re-encoding " + packet + " from " + hex(input) + " threw", e);
        }
        try {
            assertThat(PacketCodec.decode(ByteBuffer.wrap(again))).isEqualTo(packet);
        } catch (MalformedPacketException e) {
            throw new AssertionError("re-encoded " + packet + " does not decode: " + e, e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Counts per rejection reason; the {@code null} key counts datagrams that decoded. */
    @Test
    void survivesRandomDatagramsAndMutationsOfValidOnes() {
        Map<Reason, Integer> randomReasons = new HashMap<>();
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            byte[] datagram = new byte[random.nextInt(MAX_RANDOM_LENGTH + 1)];
            random.nextBytes(datagram);
            randomReasons.merge(tryDecode(datagram), 1, Integer::sum);
        }

        Map<Reason, Integer> resealedRandomReasons = new HashMap<>();
        for (int i = 0; i < RESEALED_RANDOM_INPUTS; i++) {
            byte[] datagram = new byte[14 + random.nextInt(MAX_RANDOM_LENGTH - 13)];
            random.nextBytes(datagram);
            if (random.nextInt(4) != 0) {
                datagram[0] = PacketCodec.VERSION; // get past the version check most of the time
                if (random.nextBoolean()) {
                    datagram[1] = (byte) (1 + random.nextInt(5));
                }
            }
            resealedRandomReasons.merge(tryDecode(Datagrams.resealed(datagram)), 1,
                    Integer::sum);
        }

        int keptCrcChanged = 0;
        Map<Reason, Integer> keptCrcReasons = new HashMap<>();
        for (int i = 0; i < MUTATIONS_PER_MODE; i++) {
            byte[] original = Datagrams.encode(packets.next());
            byte[] mutated = mutate(original);
            Reason reason = tryDecode(mutated);
            keptCrcReasons.merge(reason, 1, Integer::sum);
            if (!Arrays.equals(original, mutated)) {
                keptCrcChanged++;
                Reason expected = mutated.length < 14 ? Reason.TRUNCATED : Reason.BAD_CHECKSUM;
                assertThat(reason).as("changed datagram %s", hex(mutated)).isEqualTo(expected);
            }
        }

        Map<Reason, Integer> resealedReasons = new HashMap<>();
        for (int i = 0; i < MUTATIONS_PER_MODE; i++) {
            byte[] original = Datagrams.encode(packets.next());
            byte[] body = mutate(Arrays.copyOf(original, original.length - 4));
            byte[] mutated = Datagrams.resealed(Arrays.copyOf(body, body.length + 4));
            resealedReasons.merge(tryDecode(mutated), 1, Integer::sum);
        }

        assertThat(inputs).isGreaterThanOrEqualTo(100_000);
        assertThat(randomReasons).containsKeys(Reason.TRUNCATED, Reason.BAD_CHECKSUM);
        assertThat(resealedRandomReasons).containsKeys(Reason.UNKNOWN_VERSION,
                Reason.UNKNOWN_PACKET_TYPE, Reason.HANDSHAKE_TOO_SMALL, Reason.INVALID_FIELD);
        assertThat(keptCrcChanged).isGreaterThan(MUTATIONS_PER_MODE * 9 / 10);
        for (Reason reason : Reason.values()) {
            if (reason != Reason.BAD_CHECKSUM) {
                assertThat(resealedReasons).as("recomputed-CRC mutations reaching %s", reason)
                        .containsKey(reason);
            }
        }
        assertThat(resealedReasons).doesNotContainKey(Reason.BAD_CHECKSUM);
        // A fair share of recomputed-CRC mutations must still parse (flipped data bytes,
        // padding content, appended frames), or the re-encode check above tested nothing.
        assertThat(resealedReasons.getOrDefault(null, 0)).isGreaterThan(MUTATIONS_PER_MODE / 20);
        assertThat(decodedCount).isGreaterThan(MUTATIONS_PER_MODE / 20);
    }

    private byte[] mutate(byte[] datagram) {
        return switch (random.nextInt(4)) {
            case 0 -> flipBits(datagram);
            case 1 -> Arrays.copyOf(datagram, random.nextInt(datagram.length + 1));
            case 2 -> extend(datagram);
            default -> replaceBytes(datagram);
        };
    }

    private byte[] flipBits(byte[] datagram) {
        byte[] copy = datagram.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            int bit = random.nextInt(copy.length * 8);
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return copy;
    }

    private byte[] extend(byte[] datagram) {
        int extra = 1 + random.nextInt(random.nextBoolean() ? 4 : 64);
        byte[] longer = Arrays.copyOf(datagram, datagram.length + extra);
        if (random.nextBoolean()) {
            for (int i = datagram.length; i < longer.length; i++) {
                longer[i] = (byte) random.nextInt(10); // mostly valid frame types
            }
        } else {
            byte[] tail = new byte[extra];
            random.nextBytes(tail);
            System.arraycopy(tail, 0, longer, datagram.length, extra);
        }
        return longer;
    }

    private byte[] replaceBytes(byte[] datagram) {
        byte[] copy = datagram.clone();
        int replacements = 1 + random.nextInt(4);
        for (int i = 0; i < replacements && copy.length > 0; i++) {
            // Favour the prefix and the first fields, where the structure is densest.
            int position = random.nextBoolean()
                    ? random.nextInt(Math.min(copy.length, 24))
                    : random.nextInt(copy.length);
            copy[position] = random.nextBoolean()
                    ? (byte) INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]
                    : (byte) random.nextInt(256);
        }
        return copy;
    }
}
