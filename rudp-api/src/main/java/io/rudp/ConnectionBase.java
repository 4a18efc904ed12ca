package io.rudp;

import io.rudp.core.ConnectionStats;
import io.rudp.core.EngineConfig;
import io.rudp.internal.Session;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@link ClientConnection} and {@link ReliableSocket} share: a reliable, ordered byte
 * stream each way, and messages on top of it.
 *
 * <p>Threads: any number of threads may use a connection. Each {@code send} hands over its bytes
 * as one run (never interleaved with another thread's); each {@code receive} returns a run of
 * bytes in stream order; each message is sent and received whole. Blocking calls wait on
 * {@code java.util.concurrent} locks, so virtual threads do not pin; an interrupted thread gets
 * an {@link java.io.InterruptedIOException} and the connection stays open.
 *
 * <p>Arguments: every method checks its arguments before it does anything, so a rejected call
 * leaves the connection as it was. A {@code null} argument throws {@link NullPointerException}
 * naming the parameter; an array range outside its array throws
 * {@link IndexOutOfBoundsException} naming {@code off}, {@code len} and the array's length; a
 * value beyond a limit (a message above {@link EngineConfig#maxMessageBytes()}, an abort reason
 * above the protocol's {@value io.rudp.core.CloseReason#MAX_REASON_BYTES} bytes) throws
 * {@link IllegalArgumentException} naming the limit. Timeouts: negative is an
 * {@link IllegalArgumentException}, zero means none (wait as long as it takes), and one too long
 * to count in nanoseconds (about 292 years) means none too.
 */
abstract class ConnectionBase implements AutoCloseable {

    /**
     * The most bytes one {@link #receive(int)} returns, and so allocates, whatever its argument:
     * what a connection holds ready for its reader at a time.
     */
    private static final int RECEIVE_CHUNK_BYTES = 64 * 1024;

    private volatile long readTimeoutNanos;

    /** The open session, or an exception saying why there is none. */
    abstract Session session() throws IOException;

    abstract EngineConfig config();

    /**
     * Sends all of {@code data}, blocking while the send buffers are full (back-pressure).
     *
     * @throws NullPointerException if {@code data} is null
     */
    public void send(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        send(data, 0, data.length);
    }

    /**
     * Sends {@code len} bytes of {@code data} from {@code off}, blocking while the send buffers are full.
     *
     * @throws NullPointerException if {@code data} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code data}
     */
    public void send(byte[] data, int off, int len) throws IOException {
        ArgumentChecks.checkRange("data", data, off, len);
        Session s = session();
        ReentrantLock writer = s.writerLock();
        lockInterruptibly(writer, s);
        try {
            s.write(data, off, len);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Sends {@code text} encoded as UTF-8.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public void send(String text) throws IOException {
        Objects.requireNonNull(text, "text");
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Receives up to {@code maxBytes} bytes: blocks until at least one byte is available (or the
     * read timeout passes) and returns what is there, in order. Returns an empty array at the end
     * of the peer's stream. One call returns at most 64 KiB (what the
     * connection holds ready for its reader at a time), so a large {@code maxBytes}, even
     * {@code Integer.MAX_VALUE}, costs no more memory than that; call again for more.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     * @throws java.net.SocketTimeoutException if the read timeout passed with nothing to read
     * @throws ConnectionResetException if the connection was lost
     */
    public byte[] receive(int maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        int chunk = Math.min(maxBytes, RECEIVE_CHUNK_BYTES);
        byte[] buf = new byte[chunk];
        int n = receive(buf, 0, chunk);
        return n < 0 ? new byte[0] : (n == chunk ? buf : Arrays.copyOf(buf, n));
    }


    /**
     * Receives up to {@code len} bytes into {@code buf}: blocks until at least one byte is
     * available; returns the count, or -1 at the end of the peer's stream. A {@code len} of 0
     * returns 0 at once.
     *
     * @throws NullPointerException if {@code buf} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code buf}
     * @throws java.net.SocketTimeoutException if the read timeout passed with nothing to read
     * @throws ConnectionResetException if the connection was lost
     */
    public int receive(byte[] buf, int off, int len) throws IOException {
        ArgumentChecks.checkRange("buf", buf, off, len);
        Session s = session();
        ReentrantLock reader = s.readerLock();
        lockInterruptibly(reader, s);
        try {
            return s.read(buf, off, len, readTimeoutNanos);
        } finally {
            reader.unlock();
        }
    }

    /**
     * Sends one message; the peer's {@link #receiveMessage()} returns exactly these bytes. Framed
     * with a 4-byte length on the stream, so do not mix with raw {@code send} on one connection.
     *
     * @throws NullPointerException if {@code message} is null
     * @throws IllegalArgumentException if the message exceeds {@link EngineConfig#maxMessageBytes()}
     */
    public void sendMessage(byte[] message) throws IOException {
        Objects.requireNonNull(message, "message");
        int max = config().maxMessageBytes();
        if (message.length > max) {
            throw new IllegalArgumentException("message of " + message.length + " bytes exceeds maxMessageBytes ("
                    + max + "); split it or raise RudpConfig.maxMessageBytes on both sides");
        }
        Session s = session();
        ReentrantLock writer = s.writerLock();
        lockInterruptibly(writer, s);
        try {
            s.writeMessage(ByteBuffer.allocate(4).putInt(message.length).array(), message);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Receives one whole message sent with {@link #sendMessage}; returns {@code null} at the end
     * of the peer's stream (between messages).
     *
     * @throws EOFException if the stream ends inside a message
     * @throws ProtocolException if the announced length exceeds {@link EngineConfig#maxMessageBytes()}
     *     (the connection is aborted: the peer does not speak this framing)
     */
    public byte[] receiveMessage() throws IOException {
        Session s = session();
        ReentrantLock reader = s.readerLock();
        lockInterruptibly(reader, s);
        try {
            byte[] header = new byte[4];
            if (!readFully(s, header, true)) {
                return null;
            }
            int length = ByteBuffer.wrap(header).getInt();
            int max = config().maxMessageBytes();
            if (length < 0 || length > max) {
                s.abort("message framing violated: announced length " + length);
                throw new ProtocolException("the peer announced a message of " + (length & 0xFFFFFFFFL)
                        + " bytes, more than maxMessageBytes (" + max + "); the connection was aborted");
            }
            return readBody(s, length);
        } finally {
            reader.unlock();
        }
    }

    /**
     * Reads a message body of {@code length} bytes into a buffer that grows as the bytes arrive
     * (from 64 KiB, doubling), so that an announced length costs memory only once the peer sends
     * that much.
     */
    private byte[] readBody(Session s, int length) throws IOException {
        byte[] body = new byte[Math.min(length, RECEIVE_CHUNK_BYTES)];
        int got = 0;
        while (got < length) {
            if (got == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
            }
            int n = s.read(body, got, body.length - got, readTimeoutNanos);
            if (n < 0) {
                throw new EOFException("the peer's stream ended inside a message (" + got + " of " + length + " bytes)");
            }
            got += n;
        }
        return body;
    }

    private boolean readFully(Session s, byte[] buf, boolean endAllowedAtStart) throws IOException {
        int got = 0;
        while (got < buf.length) {
            int n = s.read(buf, got, buf.length - got, readTimeoutNanos);
            if (n < 0) {
                if (got == 0 && endAllowedAtStart) {
                    return false;
                }
                throw new EOFException("the peer's stream ended inside a message (" + got + " of " + buf.length + " bytes)");
            }
            got += n;
        }
        return true;
    }

    /** Half-close: no more sends; the peer reads the end of the stream after everything sent. Receiving goes on. */
    public void shutdownOutput() throws IOException {
        session().shutdownOutput();
    }

    /**
     * Graceful close: returns once the peer has acknowledged everything sent, or had already
     * finished its own stream and acknowledged every byte sent (a peer that closed and went away
     * is not waited for), or the connection ended; a silent peer with data unacknowledged is
     * waited for at most the close timeout, then the connection is aborted. The end of our stream
     * is still retransmitted in the background if the peer has not acknowledged it, and late
     * packets are answered for a few seconds (as TCP's TIME_WAIT). Further receives fail.
     * Idempotent.
     *
     * @throws ConnectionResetException if the connection ended before the peer had everything
     */
    @Override
    public void close() throws IOException {
        Session s = sessionOrNull();
        if (s != null) {
            s.close(config().closeTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1));
        }
    }

    /**
     * Abortive close: unsent data is dropped and the peer's next operation fails with the reason.
     * Idempotent.
     *
     * @param reason why, for the peer (it travels in the CLOSE frame); may be empty
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalArgumentException if {@code reason} takes more than
     *     {@value io.rudp.core.CloseReason#MAX_REASON_BYTES} bytes of UTF-8, the protocol's limit
     *     (docs/PROTOCOL.md §2); the connection is not aborted then
     */
    public void abort(String reason) throws IOException {
        ArgumentChecks.checkReason(reason);
        Session s = sessionOrNull();
        if (s != null) {
            s.abort(reason);
        }
    }

    abstract Session sessionOrNull();

    /** The peer's address. */
    public abstract InetSocketAddress remoteAddress();

    /** Counters and estimates of this connection (RTT, congestion window, retransmissions...). */
    public ConnectionStats stats() throws IOException {
        return session().stats();
    }

    /**
     * Sets how long a receive waits for data before {@link java.net.SocketTimeoutException}; zero
     * (the default) waits forever, and so does a timeout too long to count in nanoseconds (about
     * 292 years).
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public void setReadTimeout(Duration timeout) {
        readTimeoutNanos = ArgumentChecks.timeoutNanos("timeout", timeout);
    }

    /** The read timeout; zero means forever. */
    public Duration readTimeout() {
        return Duration.ofNanos(readTimeoutNanos);
    }

    /** The receiving side as an {@link InputStream} (read returns -1 at the end of the peer's stream). */
    public InputStream getInputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = receive(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b) throws IOException {
                Objects.requireNonNull(b, "b");
                return read(b, 0, b.length);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                ArgumentChecks.checkRange("b", b, off, len);
                return len == 0 ? 0 : receive(b, off, len);
            }
        };
    }

    /** The sending side as an {@link OutputStream}; closing it shuts output down. */
    public OutputStream getOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                send(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b) throws IOException {
                send(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                send(b, off, len);
            }

            @Override
            public void close() throws IOException {
                shutdownOutput();
            }
        };
    }

    private static void lockInterruptibly(ReentrantLock lock, Session s) throws IOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for another thread using the connection to "
                    + s.peerAddress());
        }
    }
}
