package io.rudp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.cli.proxy.UdpPeer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code rudp proxy} in-process: output, counters, exit codes, one-line errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Collects output and lets a test wait for some text to appear. */
    static final class WatchedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            notifyAll();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized String text() {
            return text.toString();
        }

        /** The first match of {@code pattern}, waiting up to {@code timeout} for it. */
        synchronized Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Matcher m = pattern.matcher(text);
                if (m.find()) {
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    record Run(int exitCode, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RudpCli.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withADurationItStopsByItselfAndPrintsItsCounters() throws Exception {
        try (UdpPeer server = new UdpPeer()) {
            Run r = run("proxy", "--listen", "0", "--bind", "127.0.0.1", "--target",
                    "127.0.0.1:" + server.address().getPort(), "--loss", "10%/0", "--delay", "20ms",
                    "--seed", "5", "--duration", "1s");
            assertThat(r.err()).isEmpty();
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("rudp proxy: listening on 127.0.0.1:", "relaying to 127.0.0.1:"
                    + server.address().getPort(), "up: loss 10%, delay 20ms", "down: delay 20ms",
                    "seed 5", "stops after 1s", "rudp proxy: stopped after",
                    "clients: 0 active, 0 seen",
                    "up   (client -> target): 0 received, 0 delivered",
                    "down (target -> client): 0 received", "pending: 0 datagrams");
        }
    }

    @Test
    void pcapWritesTheDeliveredDatagramsAndSaysHowMany(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("c.pcap");
        try (UdpPeer server = new UdpPeer()) {
            Run r = run("proxy", "--listen", "0", "--bind", "127.0.0.1", "--target",
                    "127.0.0.1:" + server.address().getPort(), "--pcap", file.toString(), "--duration", "1s");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("rudp proxy: 0 datagrams written to " + file);
            assertThat(java.nio.file.Files.size(file)).as("the pcap header").isEqualTo(24);
        }
        Run tooSmall = run("proxy", "--listen", "0", "--bind", "127.0.0.1", "--target", "127.0.0.1:9",
                "--pcap", file.toString(), "--pcap-max", "10", "--duration", "1s");
        assertThat(tooSmall.exitCode()).isEqualTo(RudpCli.EXIT_USAGE);
        assertThat(tooSmall.err()).startsWith("rudp proxy: --pcap-max: maxBytes must be at least 24");
        Run nowhere = run("proxy", "--listen", "0", "--bind", "127.0.0.1", "--target", "127.0.0.1:9",
                "--pcap", dir.resolve("no/such/dir/c.pcap").toString(), "--duration", "1s");
        assertThat(nowhere.exitCode()).isEqualTo(RudpCli.EXIT_FAILED);
        assertThat(nowhere.err().lines()).hasSize(1);
        assertThat(nowhere.err()).startsWith("rudp proxy: cannot write the --pcap file");
    }

    @Test
    void sharedSaysThatAllClientsShareOneLink() throws Exception {
        try (UdpPeer server = new UdpPeer()) {
            Run r = run("proxy", "--listen", "0", "--bind", "127.0.0.1", "--target",
                    "127.0.0.1:" + server.address().getPort(), "--rate", "100mbit", "--shared",
                    "--seed", "5", "--duration", "1s");
            assertThat(r.err()).isEmpty();
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("one link shared by all clients", "seed 5");
        }
    }

    @Test
    void itRelaysUntilItsThreadIsInterruptedThenPrintsWhatItDid() throws Exception {
        try (UdpPeer server = new UdpPeer(); UdpPeer client = new UdpPeer()) {
            WatchedWriter out = new WatchedWriter();
            StringWriter err = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            String target = "127.0.0.1:" + server.address().getPort();
            Thread t = new Thread(() -> exit.set(RudpCli.newCommandLine()
                    .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .execute("proxy", "--listen", "0", "--bind", "127.0.0.1", "--target", target,
                            "--delay", "1ms")), "proxy-command-under-test");
            t.start();
            try {
                Matcher started = out.await(Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"), WAIT);
                assertThat(started).as(out.text() + err).isNotNull();
                InetSocketAddress proxy = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        Integer.parseInt(started.group(1)));
                client.send(proxy, "ping".getBytes(StandardCharsets.UTF_8));
                UdpPeer.Datagram request = server.receive(WAIT);
                assertThat(request).isNotNull();
                server.send(request.from(), "pong".getBytes(StandardCharsets.UTF_8));
                UdpPeer.Datagram reply = client.receive(WAIT);
                assertThat(reply).isNotNull();
                assertThat(new String(reply.bytes(), StandardCharsets.UTF_8)).isEqualTo("pong");
            } finally {
                t.interrupt();
                t.join(WAIT.toMillis());
            }
            assertThat(t.isAlive()).isFalse();
            assertThat(exit.get()).isZero();
            assertThat(err.toString()).isEmpty();
            assertThat(out.text()).contains("Ctrl-C stops", "clients: 1 active, 1 seen",
                    "up   (client -> target): 1 received, 1 delivered (4 bytes)",
                    "down (target -> client): 1 received, 1 delivered (4 bytes)");
        }
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("--loss", "-1%", "negative"),
                Arguments.of("--loss", "150%", "more than 100%"),
                Arguments.of("--loss", "2", "2% or 0.02"),
                Arguments.of("--loss", "1%/x", "UP/DOWN"),
                Arguments.of("--duplicate", "lots", "'lots'"),
                Arguments.of("--corrupt", "1.5", "more than 1"),
                Arguments.of("--reorder", "200%", "more than 100%"),
                Arguments.of("--delay", "40", "needs a unit"),
                Arguments.of("--delay", "-5ms", "negative"),
                Arguments.of("--delay", "2d", "unknown unit"),
                Arguments.of("--jitter", "10parsecs", "unknown unit"),
                Arguments.of("--rate", "fast", "not a rate"),
                Arguments.of("--rate", "10MBps", "not a rate"),
                Arguments.of("--burst-loss", "90%", "impossible"),
                Arguments.of("--burst-length", "0", "--burst-length"),
                Arguments.of("--reorder-delay", "soon", "--reorder-delay"),
                Arguments.of("--seed", "x", "not a number"),
                Arguments.of("--idle-expiry", "0", "longer than zero"),
                Arguments.of("--duration", "0s", "longer than zero"),
                Arguments.of("--max-clients", "0", "maxClients"),
                Arguments.of("--max-pending", "lots", "not a size"),
                Arguments.of("--queue", "10KB", "needs --rate"),
                Arguments.of("--target", "nohostport", "HOST:PORT"),
                Arguments.of("--target", "127.0.0.1:99999", "not in 1..65535"),
                Arguments.of("--listen", "70000", "not in 0..65535"),
                Arguments.of("--listen", "http", "not a number"),
                Arguments.of("--bind", "no-such-host.invalid", "cannot resolve"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badInputs")
    void badValuesGiveOneLineAndExitCode2(String option, String value, String expected) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--listen", "0");
        args.put("--bind", "127.0.0.1");
        args.put("--target", "127.0.0.1:9");
        args.put("--duration", "1s");
        args.put(option, value);
        List<String> argv = new ArrayList<>(List.of("proxy"));
        args.forEach((k, v) -> {
            argv.add(k);
            argv.add(v);
        });
        Run r = run(argv.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(RudpCli.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("rudp proxy: ").contains(expected);
    }

    @Test
    void aListeningPortInUseGivesOneLineAndExitCode1() throws Exception {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            Run r = run("proxy", "--listen", String.valueOf(port), "--bind", "127.0.0.1",
                    "--target", "127.0.0.1:9", "--duration", "1s");
            assertThat(r.exitCode()).isEqualTo(RudpCli.EXIT_FAILED);
            assertThat(r.err().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("rudp proxy: cannot listen on 127.0.0.1:" + port)
                    .contains("choose another --listen port");
        }
    }

    @Test
    void theProxyCannotBeItsOwnTarget() throws Exception {
        int port;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        Run r = run("proxy", "--listen", String.valueOf(port), "--bind", "127.0.0.1", "--target",
                "127.0.0.1:" + port, "--duration", "1s");
        assertThat(r.exitCode()).isEqualTo(RudpCli.EXIT_USAGE);
        assertThat(r.err()).contains("own listening address");
    }

    @Test
    void helpDescribesEveryImpairment() {
        Run r = run("proxy", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--listen", "--target", "--loss", "--burst-loss", "--delay",
                "--jitter", "--reorder", "--duplicate", "--corrupt", "--rate", "--queue", "--seed",
                "--bind", "--idle-expiry", "--duration", "RTT", "1%/5%");
        assertThat(r.err()).isEmpty();
    }
}
