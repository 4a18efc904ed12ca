package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** sendMessage/receiveMessage: whole messages, a clean end, and the limits on both sides. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageFramingTest {

    private static final int[] SIZES = {0, 1, 64 * 1024, 1024 * 1024};

    private static byte[] seededBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] lengthPrefix(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    @Test
    void messagesOfZeroOneSixtyFourKibAndOneMibArriveWholeThenNullAtTheCleanEnd() throws Exception {
        assertThat(LoopbackPair.FAST.maxMessageBytes()).isGreaterThanOrEqualTo(SIZES[SIZES.length - 1]);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            sent.add(seededBytes(SIZES[i], 1000 + i));
        }
        try (LoopbackPair pair = LoopbackPair.open(); TestThreads threads = new TestThreads(1)) {
            Future<Void> sender = threads.submit(() -> {
                for (byte[] m : sent) {
                    pair.client.sendMessage(m); // blocks on back-pressure while the server reads
                }
                pair.client.shutdownOutput();
                return null;
            });

            List<byte[]> received = new ArrayList<>();
            for (int i = 0; i < SIZES.length; i++) {
                received.add(pair.accepted.receiveMessage());
            }
            assertThat(pair.accepted.receiveMessage()).isNull();
            assertThat(pair.accepted.receiveMessage()).isNull();
            sender.get(20, TimeUnit.SECONDS);

            assertThat(received).hasSameSizeAs(sent);
            for (int i = 0; i < SIZES.length; i++) {
                assertThat(received.get(i)).as("message of %d bytes", SIZES[i]).isEqualTo(sent.get(i));
            }
        }
    }

    @Test
    void aMessageOverMaxMessageBytesIsRejectedOnSendAndNothingOfItIsSent() throws Exception {
        RudpConfig config = LoopbackPair.FAST.toBuilder().maxMessageBytes(1024).build();
        try (LoopbackPair pair = LoopbackPair.open(config)) {
            assertThatThrownBy(() -> pair.client.sendMessage(new byte[1025]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1025")
                    .hasMessageContaining("1024")
                    .hasMessageContaining("maxMessageBytes");

            byte[] atTheLimit = seededBytes(1024, 7);
            pair.client.sendMessage(atTheLimit);
            assertThat(pair.accepted.receiveMessage()).isEqualTo(atTheLimit);
        }
    }

    @Test
    void aPeerAnnouncingAnOversizedMessageGetsAProtocolExceptionAndTheConnectionIsAborted() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.send(lengthPrefix(0x7FFF_FFFF)); // raw bytes: a length no receiver accepts

            assertThatThrownBy(pair.accepted::receiveMessage)
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining(String.valueOf(0x7FFF_FFFF))
                    .hasMessageContaining("maxMessageBytes")
                    .hasMessageContaining("aborted");

            // Our side is aborted...
            assertThat(catchThrowable(() -> pair.accepted.receive(16))).isInstanceOf(ConnectionClosedException.class);
            assertThat(catchThrowable(() -> pair.accepted.send("x"))).isInstanceOf(ConnectionClosedException.class);
            // ...and the peer learns why.
            ConnectionResetException reset = catchThrowableOfType(ConnectionResetException.class,
                    () -> pair.client.receive(16));
            assertThat(reset).isNotNull();
            assertThat(reset.reason().kind()).isEqualTo(CloseReason.Kind.RESET_BY_PEER);
            assertThat(reset.reason().message()).contains("framing");
        }
    }

    @Test
    void aStreamEndingInsideAMessageIsAnEofException() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.send(lengthPrefix(10));
            pair.client.send(new byte[] {1, 2, 3});
            pair.client.shutdownOutput();

            assertThatThrownBy(pair.accepted::receiveMessage)
                    .isInstanceOf(EOFException.class)
                    .hasMessageContaining("3 of 10");
        }
    }
}
