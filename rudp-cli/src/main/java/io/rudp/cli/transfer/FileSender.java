package io.rudp.cli.transfer;

import io.rudp.ReliableSocket;
import io.rudp.cli.support.Connections;
import io.rudp.cli.support.InterruptOnShutdown;
import io.rudp.cli.support.Messages;
import io.rudp.cli.support.Formats;
import io.rudp.RudpConfig;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends one file to a {@link FileReceiver} (e.g. {@code rudp receive}) and waits until the
 * receiver confirms it stored the file intact: a returned {@link TransferResult} means the
 * receiver verified size and SHA-256 and renamed the file into place.
 *
 * <pre>{@code
 * FileSender sender = new FileSender(RudpConfig.defaults(), Duration.ofSeconds(10));
 * TransferResult r = sender.send(Path.of("report.pdf"), new InetSocketAddress("10.0.0.2", 9000), TransferListener.NONE);
 * }</pre>
 */
public final class FileSender {

    private static final int CHUNK_BYTES = 64 * 1024;

    private final RudpConfig config;
    private final Duration connectTimeout;

    /**
     * @param config the connection settings
     * @param connectTimeout how long to wait for the receiver to answer the handshake
     */
    public FileSender(RudpConfig config, Duration connectTimeout) {
        this.config = Objects.requireNonNull(config, "config");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * Opens {@code file}, connects to {@code receiver}, sends the file, waits for the receiver's
     * verdict and closes the connection.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist (checked before connecting)
     * @throws java.net.ConnectException if the receiver refused the connection
     * @throws java.net.SocketTimeoutException if the receiver did not answer in time
     * @throws TransferException if the receiver refused the file or reported a failure
     * @throws IOException if the connection was lost or the file could not be read
     */
    public TransferResult send(Path file, InetSocketAddress receiver, TransferListener listener) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ReliableSocket socket = Connections.connect(receiver, config, connectTimeout, "`rudp receive`");
            try {
                return send(file, channel, socket, listener);
            } finally {
                if (Thread.currentThread().isInterrupted()) {
                    abortQuietly(socket, "the sender was stopped"); // a graceful close would not wait now
                }
                // After the receiver's verdict, a failing close changes nothing: the file is stored (or not).
                Connections.closeQuietly(socket);
            }
        }
    }

    /**
     * Sends {@code file} over {@code socket}, which must be connected to a receiver and not used
     * before; leaves closing the socket to the caller. One file per connection.
     */
    public TransferResult send(Path file, ReliableSocket socket, TransferListener listener) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return send(file, channel, socket, listener);
        }
    }

    private TransferResult send(Path file, FileChannel channel, ReliableSocket socket, TransferListener listener)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        long size = channel.size();
        InetSocketAddress peer = socket.remoteAddress();
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 4096));

        TransferProtocol.writeHeader(out, name, size);
        TransferProtocol.Answer accepted = readAnswer(in, name, peer);
        if (!accepted.ok()) {
            throw new TransferException("the receiver refused " + name + ": " + accepted.message());
        }
        long start = System.nanoTime();
        listener.started(name, size, peer);
        boolean completed = false;
        long[] sent = {0};
        try {
            MessageDigest sha = sha256();
            sendContent(channel, size, socket, sha, listener, name, sent);
            byte[] digest = sha.digest();
            socket.send(digest);
            socket.shutdownOutput();
            String sha256 = TransferProtocol.hex(digest);
            TransferProtocol.Answer verdict = readAnswer(in, name, peer);
            if (!verdict.ok()) {
                throw new TransferException("the receiver did not store " + name + ": " + verdict.message());
            }
            if (!verdict.message().equalsIgnoreCase(sha256)) {
                throw new TransferException("the receiver stored " + name + " with SHA-256 " + verdict.message()
                        + " but the sender's is " + sha256);
            }
            completed = true;
            return new TransferResult(name, file, peer, size, Duration.ofNanos(System.nanoTime() - start), sha256);
        } catch (IOException e) {
            throw explain(e, socket, name, sent[0], size);
        } finally {
            listener.finished(completed);
        }
    }

    /** Sends exactly {@code size} bytes of the file; aborts the connection if the file cannot be read or shrank. */
    private static void sendContent(FileChannel channel, long size, ReliableSocket socket, MessageDigest sha,
                                    TransferListener listener, String name, long[] sent) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES);
        long position = 0;
        while (position < size) {
            buf.clear().limit((int) Math.min(CHUNK_BYTES, size - position));
            int n;
            try {
                n = channel.read(buf, position);
            } catch (IOException e) {
                String why = "cannot read " + name + ": " + describe(e);
                socket.abort(TransferProtocol.abortReason("the sender " + why));
                throw new TransferException(why, e);
            }
            if (n < 0) {
                String why = name + " shrank while being sent (" + position + " of " + size + " bytes read)";
                socket.abort(TransferProtocol.abortReason("the sender failed: " + why));
                throw new TransferException(why);
            }
            sha.update(buf.array(), 0, n);
            socket.send(buf.array(), 0, n);
            position += n;
            sent[0] = position;
            listener.progressed(position);
        }
    }

    /** Turns a failure during the data phase into one line, aborting the connection where this side gives up. */
    private static IOException explain(IOException e, ReliableSocket socket, String name, long sent, long size) {
        if (e instanceof TransferException) {
            return e;
        }
        String peerReason = TransferProtocol.peerAbortReason(e);
        if (peerReason != null) {
            return new TransferException("the receiver stopped the transfer of " + name + ": " + peerReason, e);
        }
        if (InterruptOnShutdown.isInterruption(e)) {
            abortQuietly(socket, "the sender was stopped");
            return e;
        }
        if (e instanceof EOFException) {
            return new TransferException("the receiver closed the connection before confirming " + name, e);
        }
        abortQuietly(socket, "the sender failed: " + describe(e));
        return new TransferException("sending " + name + " failed after " + Formats.bytes(sent) + " of " + Formats.bytes(size)
                + ": " + describe(e), e);
    }

    private static void abortQuietly(ReliableSocket socket, String why) {
        try {
            socket.abort(TransferProtocol.abortReason(why));
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    private static String describe(Throwable e) {
        return Messages.describe(e);
    }
    private static TransferProtocol.Answer readAnswer(DataInputStream in, String name, InetSocketAddress peer)
            throws IOException {
        try {
            return TransferProtocol.readAnswer(in);
        } catch (EOFException e) {
            throw new TransferException("the receiver at " + Formats.address(peer) + " closed the connection without answering about "
                    + name, e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
