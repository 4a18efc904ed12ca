package io.rudp.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.RudpConfig;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FileSender} and {@link FileReceiver} over loopback, including the failures the command
 * line cannot provoke: a full disk, a corrupted trailer, a sender that gives up, hostile names.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileReceiverTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    /** How a connection whose peer aborted ends when every copy of the peer's CLOSE was lost. */
    private static final java.util.regex.Pattern LOST_ABORT = java.util.regex.Pattern.compile("was lost: .*");

    @TempDir
    Path temp;

    private Path inbox;
    private ReliableServer server;
    private Thread receiving;

    @BeforeEach
    void listen() throws IOException {
        inbox = Files.createDirectory(temp.resolve("inbox"));
        server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), RudpConfig.defaults());
        server.listen();
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        if (receiving != null && receiving.isAlive()) {
            receiving.interrupt();
            receiving.join(BOUND.toMillis());
        }
        server.shutdown();
    }

    /** Accepts one connection in the background and runs {@code receiver} on it; completes with the outcome. */
    private CompletableFuture<TransferResult> receiveOne(FileReceiver receiver, TransferListener listener) {
        CompletableFuture<TransferResult> outcome = new CompletableFuture<>();
        receiving = new Thread(() -> {
            try (ClientConnection c = server.accept(BOUND)) {
                try {
                    outcome.complete(receiver.receive(c, listener));
                } catch (Throwable e) {
                    outcome.completeExceptionally(e);
                }
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "receiver");
        receiving.start();
        return outcome;
    }

    private static Throwable failureOf(CompletableFuture<?> outcome) {
        Throwable t = catchThrowable(() -> outcome.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
        return t == null ? null : t.getCause();
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new SplittableRandom(size).nextBytes(bytes);
        return Files.write(Files.createDirectories(temp.resolve("outbox")).resolve(name), bytes);
    }

    private void assertInboxEmptyAndNothingOutside() throws IOException {
        try (Stream<Path> inInbox = Files.list(inbox); Stream<Path> inTemp = Files.list(temp)) {
            assertThat(inInbox).isEmpty();
            assertThat(inTemp.map(p -> p.getFileName().toString())).allMatch(n -> n.equals("inbox") || n.equals("outbox"));
        }
    }

    private ReliableSocket connect() throws IOException {
        ReliableSocket socket = new ReliableSocket(server.localAddress(), RudpConfig.defaults());
        socket.connect();
        return socket;
    }

    private static DataInputStream input(ReliableSocket socket) {
        return new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    }

    @Test
    void aFileArrivesIntactAndTheListenersSeeEveryByte() throws Exception {
        Path file = file("data.bin", 700_000);
        RecordingListener receiverSide = new RecordingListener();
        RecordingListener senderSide = new RecordingListener();
        CompletableFuture<TransferResult> received = receiveOne(new FileReceiver(inbox, false), receiverSide);

        TransferResult sent = new FileSender(RudpConfig.defaults(), BOUND).send(file, server.localAddress(), senderSide);

        TransferResult stored = received.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(stored.path()).isEqualTo(inbox.resolve("data.bin"));
        assertThat(Files.readAllBytes(stored.path())).isEqualTo(Files.readAllBytes(file));
        assertThat(stored.sha256()).isEqualTo(sent.sha256()).hasSize(64);
        assertThat(sent.sizeBytes()).isEqualTo(700_000);
        for (RecordingListener l : List.of(receiverSide, senderSide)) {
            assertThat(l.events).startsWith("started data.bin 700000").endsWith("progressed 700000", "finished true");
        }
    }

    @Test
    void aWriteFailureAbortsTheTransferTellsTheSenderAndRemovesThePartialFile() throws Exception {
        Path file = file("big.bin", 1 << 20);
        UnaryOperator<WritableByteChannel> diskFullAfter100KiB = channel -> new WritableByteChannel() {
            private long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written + src.remaining() > 100 * 1024) {
                    throw new IOException("No space left on device");
                }
                int n = channel.write(src);
                written += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
        RecordingListener receiverSide = new RecordingListener();
        CompletableFuture<TransferResult> received = receiveOne(
                new FileReceiver(inbox, false, FileReceiver.DEFAULT_READ_TIMEOUT, diskFullAfter100KiB), receiverSide);

        Throwable sent = catchThrowable(() -> new FileSender(RudpConfig.defaults(), BOUND)
                .send(file, server.localAddress(), TransferListener.NONE));

        // The reason rides on the abort's CLOSE frame, sent best-effort: if every copy is lost the
        // sender only learns that the connection was lost (see LOST_ABORT).
        assertThat(sent).isInstanceOf(TransferException.class).message().satisfiesAnyOf(
                m -> assertThat(m).isEqualTo("the receiver stopped the transfer of big.bin: cannot write big.bin on the"
                        + " receiver: No space left on device"),
                m -> assertThat(m).startsWith("sending big.bin failed after ").containsPattern(LOST_ABORT));
        assertThat(failureOf(received)).isInstanceOf(TransferException.class)
                .hasMessageContaining("No space left on device");
        assertThat(receiverSide.events).last().isEqualTo("finished false");
        assertInboxEmptyAndNothingOutside();
    }

    @Test
    void aWrongDigestFailsTheIntegrityCheckAndNothingIsStored() throws Exception {
        CompletableFuture<TransferResult> received = receiveOne(new FileReceiver(inbox, false), TransferListener.NONE);
        byte[] content = "some content".getBytes(StandardCharsets.UTF_8);
        try (ReliableSocket socket = connect()) {
            DataInputStream in = input(socket);
            TransferProtocol.writeHeader(socket.getOutputStream(), "x.txt", content.length);
            assertThat(TransferProtocol.readAnswer(in).ok()).isTrue();
            socket.send(content);
            byte[] wrong = MessageDigest.getInstance("SHA-256").digest("other content".getBytes(StandardCharsets.UTF_8));
            socket.send(wrong);
            socket.shutdownOutput();

            TransferProtocol.Answer verdict = TransferProtocol.readAnswer(in);

            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.message()).startsWith("integrity check failed for x.txt: SHA-256 of the received bytes is ")
                    .contains(TransferProtocol.hex(wrong));
        }
        assertThat(failureOf(received)).isInstanceOf(TransferException.class).hasMessageContaining("integrity check failed");
        assertInboxEmptyAndNothingOutside();
    }

    @Test
    void aSenderThatGivesUpHalfwayLeavesNothingBehind() throws Exception {
        CompletableFuture<TransferResult> received = receiveOne(new FileReceiver(inbox, false), TransferListener.NONE);
        try (ReliableSocket socket = connect()) {
            DataInputStream in = input(socket);
            TransferProtocol.writeHeader(socket.getOutputStream(), "half.bin", 500_000);
            assertThat(TransferProtocol.readAnswer(in).ok()).isTrue();
            socket.send(new byte[100_000]);
            socket.abort(TransferProtocol.abortReason("the sender was stopped"));
        }
        assertThat(failureOf(received)).isInstanceOf(TransferException.class).message().satisfiesAnyOf(
                m -> assertThat(m).isEqualTo("the sender stopped the transfer of half.bin: the sender was stopped"),
                m -> assertThat(m).startsWith("receiving half.bin failed after ").containsPattern(LOST_ABORT));
        assertInboxEmptyAndNothingOutside();
    }

    @Test
    void aSenderWhoseStreamEndsEarlyIsToldAndNothingIsStored() throws Exception {
        CompletableFuture<TransferResult> received = receiveOne(new FileReceiver(inbox, false), TransferListener.NONE);
        try (ReliableSocket socket = connect()) {
            DataInputStream in = input(socket);
            TransferProtocol.writeHeader(socket.getOutputStream(), "short.bin", 1000);
            assertThat(TransferProtocol.readAnswer(in).ok()).isTrue();
            socket.send(new byte[10]);
            socket.shutdownOutput();

            TransferProtocol.Answer verdict = TransferProtocol.readAnswer(in);

            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.message()).isEqualTo("the sender's stream ended after 10 of 1000 bytes of short.bin");
        }
        assertThat(failureOf(received)).isInstanceOf(TransferException.class);
        assertInboxEmptyAndNothingOutside();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "..", ".", "/etc/passwd", "sub/file.txt", "..\\escape.txt", "bad\nname",
        "C:\\x"})
    void namesThatCouldLeaveTheDirectoryAreRefusedBeforeAnyData(String name) throws Exception {
        CompletableFuture<TransferResult> received = receiveOne(new FileReceiver(inbox, false), TransferListener.NONE);
        try (ReliableSocket socket = connect()) {
            TransferProtocol.writeHeader(socket.getOutputStream(), name, 5);

            TransferProtocol.Answer answer = TransferProtocol.readAnswer(input(socket));

            assertThat(answer.ok()).isFalse();
            assertThat(answer.message()).containsAnyOf("path separator", "not a file name", "control character");
        }
        assertThat(failureOf(received)).isInstanceOf(TransferException.class);
        assertInboxEmptyAndNothingOutside();
    }

    @Test
    void anEmptyNameIsRefused() throws Exception {
        CompletableFuture<TransferResult> received = receiveOne(new FileReceiver(inbox, false), TransferListener.NONE);
        try (ReliableSocket socket = connect()) {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(header);
            d.write(TransferProtocol.MAGIC);
            d.writeByte(TransferProtocol.VERSION);
            d.writeShort(0);
            d.writeLong(0);
            socket.send(header.toByteArray());

            TransferProtocol.Answer answer = TransferProtocol.readAnswer(input(socket));

            assertThat(answer.ok()).isFalse();
            assertThat(answer.message()).contains("file name length 0");
        }
        assertThat(failureOf(received)).isInstanceOf(TransferException.class);
        assertInboxEmptyAndNothingOutside();
    }

    @Test
    void aClientThatDoesNotSpeakTheProtocolIsToldSo() throws Exception {
        CompletableFuture<TransferResult> received = receiveOne(new FileReceiver(inbox, false), TransferListener.NONE);
        try (ReliableSocket socket = connect()) {
            socket.send("GET / HTTP/1.0\r\n\r\n");

            TransferProtocol.Answer answer = TransferProtocol.readAnswer(input(socket));

            assertThat(answer.ok()).isFalse();
            assertThat(answer.message()).contains("does not speak the rudp file-transfer protocol");
        }
        assertThat(failureOf(received)).isInstanceOf(TransferException.class);
        assertInboxEmptyAndNothingOutside();
    }

    @Test
    void aFileLargerThanTheFreeSpaceIsRefusedBeforeAnyData() throws Exception {
        CompletableFuture<TransferResult> received = receiveOne(new FileReceiver(inbox, false), TransferListener.NONE);
        try (ReliableSocket socket = connect()) {
            TransferProtocol.writeHeader(socket.getOutputStream(), "huge.bin", Long.MAX_VALUE);

            TransferProtocol.Answer answer = TransferProtocol.readAnswer(input(socket));

            assertThat(answer.ok()).isFalse();
            assertThat(answer.message()).startsWith("not enough space on the receiver for huge.bin");
        }
        assertThat(failureOf(received)).isInstanceOf(TransferException.class);
        assertInboxEmptyAndNothingOutside();
    }

    @Test
    void aStaleSymlinkAsPartialFileIsReplacedNotFollowed() throws Exception {
        Path outside = temp.resolve("outbox-target");
        Files.createSymbolicLink(FileNames.partFile(inbox, "a.txt"), outside);
        Path file = Files.writeString(Files.createDirectories(temp.resolve("outbox")).resolve("a.txt"), "content");
        CompletableFuture<TransferResult> received = receiveOne(new FileReceiver(inbox, false), TransferListener.NONE);

        new FileSender(RudpConfig.defaults(), BOUND).send(file, server.localAddress(), TransferListener.NONE);

        received.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(outside).doesNotExist();
        assertThat(Files.readString(inbox.resolve("a.txt"))).isEqualTo("content");
        try (Stream<Path> files = Files.list(inbox)) {
            assertThat(files).containsExactly(inbox.resolve("a.txt"));
        }
    }

    @Test
    void aMissingFileFailsBeforeConnecting() {
        Throwable t = catchThrowable(() -> new FileSender(RudpConfig.defaults(), BOUND)
                .send(temp.resolve("missing"), server.localAddress(), TransferListener.NONE));

        assertThat(t).isInstanceOf(NoSuchFileException.class);
    }

    /** Records listener calls as strings. */
    private static final class RecordingListener implements TransferListener {
        final List<String> events = new ArrayList<>();
        private long lastProgress = -1;

        @Override
        public void started(String fileName, long sizeBytes, InetSocketAddress peer) {
            events.add("started " + fileName + " " + sizeBytes);
        }

        @Override
        public void progressed(long bytesDone) {
            assertThat(bytesDone).isGreaterThan(lastProgress);
            lastProgress = bytesDone;
            events.add("progressed " + bytesDone);
        }

        @Override
        public void finished(boolean completed) {
            events.add("finished " + completed);
        }
    }
}
