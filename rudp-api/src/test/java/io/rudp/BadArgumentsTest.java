package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.trace.ConnectionRole;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad argument of the public API gets a typed exception naming the parameter (or the limit),
 * before anything changes: after each rejected call on a live connection, the same connection
 * still carries bytes both ways, with its settings as they were.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadArgumentsTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final RudpConfig CONFIG = LoopbackPair.FAST.toBuilder().maxMessageBytes(1024).build();

    /** A rejected call on the pair's client, accepted connection or server. */
    @FunctionalInterface
    interface Call {
        void run(LoopbackPair pair) throws Exception;
    }

    private LoopbackPair pair;

    @BeforeAll
    void openPair() throws IOException {
        pair = LoopbackPair.open(CONFIG);
        pair.client.setReadTimeout(READ_TIMEOUT);
        pair.accepted.setReadTimeout(READ_TIMEOUT);
    }

    @AfterAll
    void closePair() {
        if (pair != null) {
            pair.close();
        }
    }

    private static Arguments npe(String call, String parameter, Call c) {
        return Arguments.of(call, c, NullPointerException.class, new String[] {parameter});
    }

    private static Arguments iae(String call, Call c, String... fragments) {
        return Arguments.of(call, c, IllegalArgumentException.class, fragments);
    }

    private static Arguments range(String call, Call c, String... fragments) {
        return Arguments.of(call, c, IndexOutOfBoundsException.class, fragments);
    }

    /** Each on the client and on the server's connection: both are a RudpConnection (one implementation today), but either could differ. */
    static Stream<Arguments> connectionCalls() {
        return Stream.of(true, false).flatMap(onClient -> {
            String who = onClient ? "client." : "accepted.";
            java.util.function.Function<LoopbackPair, RudpConnection> c = p -> onClient ? p.client : p.accepted;
            return Stream.of(
                    npe(who + "send((byte[]) null)", "data", p -> c.apply(p).send((byte[]) null)),
                    npe(who + "send(null, 0, 0)", "data", p -> c.apply(p).send(null, 0, 0)),
                    range(who + "send(data, -1, 2)", p -> c.apply(p).send(new byte[4], -1, 2), "off (-1)", "len (2)", "data (length 4)"),
                    range(who + "send(data, 0, -1)", p -> c.apply(p).send(new byte[4], 0, -1), "len (-1)"),
                    range(who + "send(data, 2, 3)", p -> c.apply(p).send(new byte[4], 2, 3), "off (2)", "len (3)"),
                    range(who + "send(data, MAX, 1)", p -> c.apply(p).send(new byte[4], Integer.MAX_VALUE, 1), "off (2147483647)"),
                    npe(who + "send((String) null)", "text", p -> c.apply(p).send((String) null)),
                    iae(who + "receive(0)", p -> c.apply(p).receive(0), "maxBytes", "positive", "0"),
                    iae(who + "receive(-1)", p -> c.apply(p).receive(-1), "maxBytes", "positive", "-1"),
                    npe(who + "receive(null, 0, 1)", "buf", p -> c.apply(p).receive(null, 0, 1)),
                    range(who + "receive(buf, 3, 2)", p -> c.apply(p).receive(new byte[4], 3, 2), "off (3)", "len (2)", "buf (length 4)"),
                    range(who + "receive(buf, -1, 0)", p -> c.apply(p).receive(new byte[4], -1, 0), "off (-1)"),
                    range(who + "receive(buf, 1, MAX)", p -> c.apply(p).receive(new byte[4], 1, Integer.MAX_VALUE), "len (2147483647)"),
                    npe(who + "sendMessage(null)", "message", p -> c.apply(p).sendMessage(null)),
                    iae(who + "sendMessage(over maxMessageBytes)", p -> c.apply(p).sendMessage(new byte[1025]),
                            "1025", "maxMessageBytes (1024)"),
                    npe(who + "abort(null)", "reason", p -> c.apply(p).abort(null)),
                    iae(who + "abort(256 ASCII chars)", p -> c.apply(p).abort("x".repeat(256)), "reason", "255 bytes of UTF-8", "256"),
                    iae(who + "abort(128 two-byte chars)", p -> c.apply(p).abort("é".repeat(128)), "reason", "255 bytes of UTF-8", "256 bytes"),
                    iae(who + "abort(a huge reason)", p -> c.apply(p).abort("x".repeat(1 << 20)), "reason", "255"),
                    npe(who + "setReadTimeout(null)", "timeout", p -> c.apply(p).setReadTimeout(null)),
                    iae(who + "setReadTimeout(-1 ms)", p -> c.apply(p).setReadTimeout(Duration.ofMillis(-1)), "timeout", "must not be negative"),
                    iae(who + "setReadTimeout(-MAX s)", p -> c.apply(p).setReadTimeout(Duration.ofSeconds(Long.MIN_VALUE)),
                            "timeout", "must not be negative"),
                    npe(who + "getInputStream().read(null, 0, 1)", "b", p -> c.apply(p).getInputStream().read(null, 0, 1)),
                    range(who + "getInputStream().read(b, -1, 0)", p -> c.apply(p).getInputStream().read(new byte[4], -1, 0), "off (-1)"),
                    npe(who + "getInputStream().read(null)", "b", p -> c.apply(p).getInputStream().read(null)),
                    npe(who + "getOutputStream().write(null)", "data", p -> c.apply(p).getOutputStream().write(null)),
                    npe(who + "getOutputStream().write(null, 0, 1)", "data", p -> c.apply(p).getOutputStream().write(null, 0, 1)),
                    range(who + "getOutputStream().write(b, 3, 2)", p -> c.apply(p).getOutputStream().write(new byte[4], 3, 2), "off (3)"));
        });
    }

    static Stream<Arguments> endpointCalls() {
        return Stream.of(
                npe("client.connect(null)", "timeout", p -> p.client.connect(null)),
                iae("client.connect(-1 s)", p -> p.client.connect(Duration.ofSeconds(-1)), "timeout", "must not be negative", "PT-1S"),
                npe("server.accept(null)", "timeout", p -> p.server.accept(null)),
                iae("server.accept(-1 ms)", p -> p.server.accept(Duration.ofMillis(-1)), "timeout", "must not be negative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"connectionCalls", "endpointCalls"})
    void aBadArgumentIsRejectedNamingItAndTheConnectionGoesOn(String call, Call c, Class<? extends Throwable> type,
            String[] fragments) throws Exception {
        assertThatThrownBy(() -> c.run(pair))
                .as(call)
                .isExactlyInstanceOf(type)
                .satisfies(e -> assertNames(call, e, fragments));

        assertThat(pair.client.readTimeout()).isEqualTo(READ_TIMEOUT);
        assertThat(pair.accepted.readTimeout()).isEqualTo(READ_TIMEOUT);
        roundTrip(pair, call);
    }

    /** A null check's message is the parameter's name; any other message contains every fragment. */
    private static void assertNames(String call, Throwable e, String[] fragments) {
        if (e instanceof NullPointerException) {
            assertThat(e.getMessage()).as(call).isEqualTo(fragments[0]);
        } else {
            assertThat(e.getMessage()).as(call).contains(fragments);
        }
    }

    private static void roundTrip(LoopbackPair p, String after) throws IOException {
        byte[] ping = ("ping after " + after).getBytes(StandardCharsets.UTF_8);
        p.client.send(ping);
        assertThat(receiveExactly(p.accepted, ping.length)).as("client to server after %s", after).isEqualTo(ping);
        byte[] pong = ("pong after " + after).getBytes(StandardCharsets.UTF_8);
        p.accepted.send(pong);
        assertThat(receiveExactly(p.client, pong.length)).as("server to client after %s", after).isEqualTo(pong);
    }

    private static byte[] receiveExactly(RudpConnection c, int length) throws IOException {
        byte[] buf = new byte[length];
        int got = 0;
        for (int reads = 0; got < length && reads < 10_000; reads++) {
            int n = c.receive(buf, got, length - got);
            assertThat(n).as("end of stream after %d of %d bytes", got, length).isPositive();
            got += n;
        }
        return buf;
    }

    // ---------------------------------------------------------------- constructors and factories

    static Stream<Arguments> constructorCalls() {
        InetSocketAddress somewhere = new InetSocketAddress("127.0.0.1", 9);
        return Stream.of(
                npe("new ReliableSocket(null ip, 9)", "ip", p -> new ReliableSocket((String) null, 9)),
                iae("new ReliableSocket(ip, 0)", p -> new ReliableSocket("127.0.0.1", 0), "port", "between 1 and 65535", "0"),
                iae("new ReliableSocket(ip, 65536)", p -> new ReliableSocket("127.0.0.1", 65_536), "port", "65536"),
                iae("new ReliableSocket(ip, -1)", p -> new ReliableSocket("127.0.0.1", -1), "port", "-1"),
                npe("new ReliableSocket(null, config)", "server", p -> new ReliableSocket(null, CONFIG)),
                npe("new ReliableSocket(server, null)", "config", p -> new ReliableSocket(somewhere, null)),
                iae("new ReliableSocket(port 0, config)", p -> new ReliableSocket(new InetSocketAddress("127.0.0.1", 0), CONFIG),
                        "server port", "0"),
                npe("new ReliableServer(null ip, 0)", "ip", p -> new ReliableServer((String) null, 0)),
                iae("new ReliableServer(ip, -1)", p -> new ReliableServer("127.0.0.1", -1), "port", "between 0 and 65535", "-1"),
                iae("new ReliableServer(ip, 65536)", p -> new ReliableServer("127.0.0.1", 65_536), "port", "65536"),
                npe("new ReliableServer(null, config)", "address", p -> new ReliableServer(null, CONFIG)),
                npe("new ReliableServer(address, null)", "config", p -> new ReliableServer(new InetSocketAddress("127.0.0.1", 0), null)),
                npe("TraceFiles.toDirectory(null)", "directory", p -> TraceFiles.toDirectory(null)),
                npe("TraceFiles.toDirectory(null, cap)", "directory", p -> TraceFiles.toDirectory(null, 1 << 20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructorCalls")
    void aBadConstructorArgumentIsRejectedNamingIt(String call, Call c, Class<? extends Throwable> type, String[] fragments) {
        assertThatThrownBy(() -> c.run(null))
                .as(call)
                .isExactlyInstanceOf(type)
                .satisfies(e -> assertNames(call, e, fragments));
    }

    @Test
    void traceFilesRejectANullRoleAndATooSmallCap(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> TraceFiles.toDirectory(dir, TraceFiles.MIN_MAX_BYTES_PER_FILE - 1))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytesPerFile");
        TraceFiles files = TraceFiles.toDirectory(dir);
        assertThatThrownBy(() -> files.fileFor(null, 1))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessageContaining("role");
        assertThat(files.fileFor(ConnectionRole.CLIENT, 1).getFileName().toString()).isEqualTo("client-0000000000000001.jsonl");
    }

    // ---------------------------------------------------------------- values at the edges that are accepted

    @Test
    void receiveOfAHugeMaximumReturnsWhatIsThereWithoutAllocatingTheMaximum() throws IOException {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        pair.client.send(hello);
        assertThat(pair.accepted.receive(Integer.MAX_VALUE)).isEqualTo(hello);

        byte[] bulk = new byte[200 * 1024];
        Arrays.fill(bulk, (byte) 7);
        pair.accepted.send(bulk);
        int got = 0;
        for (int reads = 0; got < bulk.length && reads < 10_000; reads++) {
            byte[] part = pair.client.receive(Integer.MAX_VALUE);
            assertThat(part.length).isBetween(1, 64 * 1024);
            got += part.length;
        }
        assertThat(got).isEqualTo(bulk.length);
        roundTrip(pair, "receive(Integer.MAX_VALUE)");
    }

    @Test
    void aMessageAnnouncedLargeCostsMemoryOnlyAsItsBytesArrive() throws Exception {
        RudpConfig large = CONFIG.toBuilder().maxMessageBytes(1 << 30).build();
        try (LoopbackPair own = LoopbackPair.open(large)) {
            own.accepted.setReadTimeout(READ_TIMEOUT);
            own.client.send(java.nio.ByteBuffer.allocate(4).putInt((1 << 30) - 1).array());
            own.client.send(new byte[] {1, 2, 3});
            own.client.shutdownOutput();
            long before = allocatedBytesOfThisThread();
            assertThatThrownBy(own.accepted::receiveMessage)
                    .isInstanceOf(java.io.EOFException.class)
                    .hasMessageContaining("3 of 1073741823");
            long allocated = allocatedBytesOfThisThread() - before;
            assertThat(allocated).as("bytes allocated by receiveMessage").isLessThan(16L << 20);
        }
    }

    /** HotSpot's per-thread allocation counter (com.sun.management.ThreadMXBean), read reflectively. */
    private static long allocatedBytesOfThisThread() throws ReflectiveOperationException {
        // Reflection: the test runs inside module io.rudp, which does not read java.management.
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Class<?> hotspot = Class.forName("com.sun.management.ThreadMXBean");
        return (long) hotspot.getMethod("getThreadAllocatedBytes", long.class).invoke(threads, Thread.currentThread().getId());
    }

    @Test
    void aReadTimeoutTooLongForNanosecondsMeansForeverAsZeroDoes() throws IOException {
        ReliableSocket c = pair.client;
        try {
            c.setReadTimeout(Duration.ofSeconds(Long.MAX_VALUE));
            assertThat(c.readTimeout()).isEqualTo(Duration.ZERO);
            c.setReadTimeout(Duration.ofNanos(Long.MAX_VALUE));
            assertThat(c.readTimeout()).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
            roundTrip(pair, "setReadTimeout(Long.MAX_VALUE s)");
        } finally {
            c.setReadTimeout(READ_TIMEOUT);
        }
    }

    @Test
    void anAbortReasonOfExactly255BytesReachesThePeer() throws IOException {
        String reason = "é".repeat(127) + "a"; // 254 + 1 bytes of UTF-8
        try (LoopbackPair own = LoopbackPair.open(CONFIG)) {
            own.accepted.setReadTimeout(READ_TIMEOUT);
            own.client.abort(reason);
            assertThatThrownBy(() -> own.accepted.receive(16))
                    .isInstanceOf(ConnectionResetException.class)
                    .hasMessageContaining(reason)
                    .satisfies(e -> assertThat(((ConnectionResetException) e).reason().kind())
                            .isEqualTo(CloseReason.Kind.RESET_BY_PEER));
        }
    }

    @Test
    void zeroAndHugeTimeoutsMeanNoLimitForConnectAndAccept() throws IOException {
        try (ReliableSocket zero = new ReliableSocket(new InetSocketAddress("127.0.0.1", pair.server.localAddress().getPort()), CONFIG);
                ReliableSocket huge = new ReliableSocket(new InetSocketAddress("127.0.0.1", pair.server.localAddress().getPort()), CONFIG)) {
            zero.connect(Duration.ZERO);
            ClientConnection first = pair.server.accept(Duration.ZERO);
            huge.connect(Duration.ofSeconds(Long.MAX_VALUE));
            ClientConnection second = pair.server.accept(Duration.ofSeconds(Long.MAX_VALUE));
            assertThat(Stream.of(first, second).map(c -> c.remoteAddress().getPort()))
                    .containsExactlyInAnyOrder(zero.localAddress().getPort(), huge.localAddress().getPort());
            first.close();
            second.close();
        }
    }

    @Test
    void connectWithoutALimitOfItsOwnStillEndsAtTheHandshakeTimeout() throws IOException {
        RudpConfig quick = CONFIG.toBuilder().handshakeTimeout(Duration.ofMillis(300)).build();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ReliableSocket socket = new ReliableSocket(new InetSocketAddress("127.0.0.1", silent.getLocalPort()), quick)) {
            assertThatThrownBy(() -> socket.connect(Duration.ZERO))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("handshake timeout");
        }
    }
}
