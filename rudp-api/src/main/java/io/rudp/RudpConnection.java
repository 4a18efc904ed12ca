package io.rudp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.time.Duration;

/**
 * One reliable connection, whichever end opened it: a reliable, ordered byte stream each way, and
 * messages on top of it. {@link ClientConnection} (the server's side, from
 * {@link ReliableServer#accept()}) and {@link ReliableSocket} (the client's side) both are one, so
 * one handler serves both ends:
 *
 * <pre>{@code
 * static void echo(RudpConnection conn) throws IOException {
 *     for (byte[] m; (m = conn.receiveMessage()) != null; ) {
 *         conn.sendMessage(m);
 *     }
 *     conn.close();
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 * Implementations in this package are thread-safe: any number of threads may use a connection at
 * once. Each {@code send} hands over its bytes as one run (never interleaved with another
 * thread's); each {@code receive} returns a run of bytes in stream order; each message is sent
 * and received whole. Two threads that send at once are served one after the other, as are two
 * that receive at once; a sender and a receiver do not wait for each other. Blocking calls wait
 * on {@code java.util.concurrent} locks, so virtual threads do not pin; an interrupted thread
 * gets an {@link java.io.InterruptedIOException} and the connection stays open.
 * {@link #isConnected()}, {@link #isClosed()}, {@link #remoteAddress()} and the read timeout
 * do not wait for the network or for data.
 *
 * <h2>Arguments</h2>
 * Every method checks its arguments before it does anything, so a rejected call leaves the
 * connection as it was. A {@code null} argument throws {@link NullPointerException} naming the
 * parameter; an array range outside its array throws {@link IndexOutOfBoundsException} naming
 * {@code off}, {@code len} and the array's length; a value beyond a limit (a message above
 * {@link RudpConfig#maxMessageBytes()}, an abort reason above the protocol's
 * {@value io.rudp.CloseReason#MAX_REASON_BYTES} bytes) throws {@link IllegalArgumentException}
 * naming the limit. Timeouts: negative is an {@link IllegalArgumentException}, zero means none
 * (wait as long as it takes), and one too long to count in nanoseconds (about 292 years) means
 * none too.
 *
 * <h2>Failures</h2>
 * A lost connection fails the next operation with {@link ConnectionResetException}, whose
 * {@link ConnectionResetException#reason() reason()} says why; an operation after this side
 * closed fails with {@link ConnectionClosedException}.
 */
public interface RudpConnection extends AutoCloseable {

    /**
     * Sends all of {@code data}, blocking while the send buffers are full (back-pressure).
     *
     * @throws NullPointerException if {@code data} is null
     */
    void send(byte[] data) throws IOException;

    /**
     * Sends {@code len} bytes of {@code data} from {@code off}, blocking while the send buffers are full.
     *
     * @throws NullPointerException if {@code data} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code data}
     */
    void send(byte[] data, int off, int len) throws IOException;

    /**
     * Sends {@code text} encoded as UTF-8.
     *
     * @throws NullPointerException if {@code text} is null
     */
    void send(String text) throws IOException;

    /**
     * Receives up to {@code maxBytes} bytes: blocks until at least one byte is available (or the
     * read timeout passes) and returns what is there, in order. Returns an empty array at the end
     * of the peer's stream. One call returns at most 64 KiB (what the connection holds ready for
     * its reader at a time), so a large {@code maxBytes}, even {@code Integer.MAX_VALUE}, costs no
     * more memory than that; call again for more.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     * @throws java.net.SocketTimeoutException if the read timeout passed with nothing to read
     * @throws ConnectionResetException if the connection was lost
     */
    byte[] receive(int maxBytes) throws IOException;

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
    int receive(byte[] buf, int off, int len) throws IOException;

    /**
     * Sends one message; the peer's {@link #receiveMessage()} returns exactly these bytes. Framed
     * with a 4-byte length on the stream, so do not mix with raw {@code send} on one connection.
     *
     * @throws NullPointerException if {@code message} is null
     * @throws IllegalArgumentException if the message exceeds {@link RudpConfig#maxMessageBytes()}
     */
    void sendMessage(byte[] message) throws IOException;

    /**
     * Receives one whole message sent with {@link #sendMessage}; returns {@code null} at the end
     * of the peer's stream (between messages).
     *
     * @throws EOFException if the stream ends inside a message
     * @throws ProtocolException if the announced length exceeds {@link RudpConfig#maxMessageBytes()}
     *     (the connection is aborted: the peer does not speak this framing)
     */
    byte[] receiveMessage() throws IOException;

    /** Half-close: no more sends; the peer reads the end of the stream after everything sent. Receiving goes on. */
    void shutdownOutput() throws IOException;

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
    void close() throws IOException;

    /**
     * Abortive close: unsent data is dropped and the peer's next operation fails with the reason.
     * Idempotent.
     *
     * @param reason why, for the peer (it travels in the CLOSE frame); may be empty
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalArgumentException if {@code reason} takes more than
     *     {@value io.rudp.CloseReason#MAX_REASON_BYTES} bytes of UTF-8, the protocol's limit
     *     (docs/PROTOCOL.md §2); the connection is not aborted then
     */
    void abort(String reason) throws IOException;

    /** The peer's address. */
    InetSocketAddress remoteAddress();

    /**
     * Counters and estimates of this connection (RTT, congestion window, retransmissions...),
     * fresh from the thread that drives it.
     *
     * @throws java.net.SocketException if a {@link ReliableSocket} is not connected
     * @throws IOException if the connection's endpoint has stopped
     */
    ConnectionStats stats() throws IOException;

    /**
     * Sets how long a receive waits for data before {@link java.net.SocketTimeoutException}; zero
     * (the default) waits forever, and so does a timeout too long to count in nanoseconds (about
     * 292 years).
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    void setReadTimeout(Duration timeout);

    /** The read timeout; zero means forever. */
    Duration readTimeout();

    /** The receiving side as an {@link InputStream} (read returns -1 at the end of the peer's stream). */
    InputStream getInputStream();

    /** The sending side as an {@link OutputStream}; closing it shuts output down. */
    OutputStream getOutputStream();

    /**
     * True while the connection is open: its handshake completed and it is not
     * {@linkplain #isClosed() closed}. Data may flow both ways, though either side may already
     * have shut its output down ({@link #shutdownOutput()}): a connection whose peer finished its
     * stream is still connected until it ends. False for a {@link ReliableSocket} before
     * {@link ReliableSocket#connect()} completes, and after a failed connect. Does not wait for the network.
     */
    boolean isConnected();

    /**
     * True once the connection is closed for good: this side called {@link #close()} or
     * {@link #abort(String)} (or, for a {@link RudpClient}'s socket, {@link RudpClient#close()}),
     * or the connection ended (both sides finished and everything was acknowledged, the peer
     * aborted, the peer timed out, a protocol error, the endpoint stopped). Once true it stays
     * true. After {@link ReliableServer#shutdown()}, which closes its connections gracefully
     * from the server's side, a {@link ClientConnection} is closed once its connection ends. What happened to the connection itself, an application learns from the next
     * operation's exception ({@link ConnectionResetException#reason()}). False for a
     * {@link ReliableSocket} never connected and never closed. The end of a connection is seen
     * once the thread that drives it has handled it. Does not wait for the network.
     */
    boolean isClosed();
}
