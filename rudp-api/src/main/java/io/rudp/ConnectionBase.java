package io.rudp;

import io.rudp.internal.PublicTypes;
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
 * The implementation {@link ClientConnection} and {@link ReliableSocket} share of
 * {@link RudpConnection}, whose Javadoc holds the contract (threads, arguments, failures).
 */
abstract class ConnectionBase implements RudpConnection {

    /**
     * The most bytes one {@link #receive(int)} returns, and so allocates, whatever its argument:
     * what a connection holds ready for its reader at a time.
     */
    private static final int RECEIVE_CHUNK_BYTES = 64 * 1024;

    private volatile long readTimeoutNanos;

    /** The open session, or an exception saying why there is none. */
    abstract Session session() throws IOException;

    abstract RudpConfig config();

    @Override
    public void send(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        send(data, 0, data.length);
    }

    @Override
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

    @Override
    public void send(String text) throws IOException {
        Objects.requireNonNull(text, "text");
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] receive(int maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        int chunk = Math.min(maxBytes, RECEIVE_CHUNK_BYTES);
        byte[] buf = new byte[chunk];
        int n = receive(buf, 0, chunk);
        return n < 0 ? new byte[0] : (n == chunk ? buf : Arrays.copyOf(buf, n));
    }


    @Override
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

    @Override
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

    @Override
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

    @Override
    public void shutdownOutput() throws IOException {
        session().shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        Session s = sessionOrNull();
        if (s != null) {
            s.close(config().closeTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1));
        }
    }

    @Override
    public void abort(String reason) throws IOException {
        ArgumentChecks.checkReason(reason);
        Session s = sessionOrNull();
        if (s != null) {
            s.abort(reason);
        }
    }

    abstract Session sessionOrNull();

    @Override
    public abstract InetSocketAddress remoteAddress();

    @Override
    public ConnectionStats stats() throws IOException {
        return PublicTypes.stats(session().stats());
    }

    @Override
    public boolean isConnected() {
        return sessionOrNull() != null && !isClosed();
    }

    @Override
    public boolean isClosed() {
        Session s = sessionOrNull();
        return closedHere() || s != null && (s.isClosedLocally() || s.state().isTerminating());
    }

    /**
     * True once {@code close()} was called on this object itself, whether or not it had a session
     * then (a {@link ReliableSocket} closed before it connected); a session reports the rest.
     */
    abstract boolean closedHere();

    @Override
    public void setReadTimeout(Duration timeout) {
        readTimeoutNanos = ArgumentChecks.timeoutNanos("timeout", timeout);
    }

    @Override
    public Duration readTimeout() {
        return Duration.ofNanos(readTimeoutNanos);
    }

    @Override
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

    @Override
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
