package io.rudp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class BenchCommandTest {

    @TempDir
    Path dir;

    /** A finished command's exit code and output. */
    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().collect(Collectors.toList());
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BenchCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--only=loopback,nope", "--reps=0", "--reps=x", "--loopback-mib=0",
        "--loopback-connections=1", "--latency-samples=-3", "--latency-warmup=-1", "--no-such-option",
        "--netem-links=20ms", "--netem-mib=0", "--netem-pings=0", "--netem-timeout=1"})
    void badArgumentsFailWithOneLineAndExitCode2(String arg) {
        Run r = run(arg, "--out", dir.resolve("never").toString());

        assertThat(r.exitCode()).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("rudp bench: ").endsWith("(see 'rudp bench --help')");
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void anUnknownSectionIsNamedWithTheKnownOnes() {
        Run r = run("--only", "latency,fairnes");

        assertThat(r.err()).contains("unknown section 'fairnes' in --only; known: loopback, latency, link, fairness, handshake, outage, reorder, idle, clients, netem");
    }

    @Test
    void helpListsTheOptions() {
        Run r = run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--only", "--reps", "--out", "--quick", "--loopback-mib", "--latency-samples",
                "--latency-wan-samples", "--netem-links", "--netem-mib", "--netem-pings", "--netem-timeout", "--netem-dir",
                "20ms:burst2%x10");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aTinyLinkAndFairnessRunWritesTheirTablesTargetsAndCharts() throws Exception {
        Set<Thread> threadsBefore = rudpThreads();
        Path out = dir.resolve("link");

        Run r = run("--only", "fairness,link", "--reps", "1", "--link-rtt", "20", "--link-loss", "0,5",
                "--link-cc", "BBR", "--link-seconds", "2", "--fairness-rtt", "20", "--fairness-loss", "0",
                "--fairness-seconds", "2", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err().indexOf("link: BBR, 20 ms, 0% loss")).isNotNegative()
                .isLessThan(r.err().indexOf("fairness: 20 ms, 0% loss")); // run order, not --only order
        String md = Files.readString(out.resolve("results.md"));
        assertThat(r.out()).isEqualTo(md);
        assertThat(md).contains("## Goodput through the impairment proxy (`link`)", "| BBR | 20 ms | 0% |",
                "| BBR | 20 ms | 5% |", "## Fairness: two flows sharing the proxy's bottleneck (`fairness`)",
                "| 20 ms | 0% |", "| link | link, default controller, 20 ms RTT, 0% loss |",
                "| link | link, default controller, 20 ms RTT, 5% loss |",
                "| fairness | fairness, two BBR flows, 20 ms RTT, 0% loss |");
        for (String chart : List.of("link-goodput-20ms.png", "fairness.png")) {
            assertThat(md).contains("](" + chart + ")");
            assertThat(ImageIO.read(out.resolve(chart).toFile())).as(chart).isNotNull();
        }
        assertThat(awaitRudpThreadsGone(threadsBefore, 30_000)).isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTinyClientsRunMeasuresBothSidesInTwoProcessesAndLeavesNothingBehind() throws Exception {
        Set<Thread> threadsBefore = rudpThreads();
        long socketsBefore = openSockets();
        Path out = dir.resolve("clients");

        Run r = run("--only", "clients", "--reps", "1", "--clients-connections", "40", "--clients-plain", "4",
                "--clients-idle-seconds", "1", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("results.md"));
        assertThat(md).contains("## Client connections: one shared RudpClient against plain ReliableSockets (`clients`)",
                "| connections | 40 | 40 | 4 | 4 |",
                // one driver thread per side for the shared client; one per socket for plain ones
                "| rudp driver threads | 1 | 1 | 4 | 1 |",
                "| clients | 40 idle connections over one RudpClient: rudp threads, client / server | 1 / 1 | - | <= 4 per side | pass |");
        assertThat(md.lines().filter(l -> l.startsWith("| clients |"))
                .allMatch(l -> l.endsWith("| pass |") || l.endsWith("| FAIL |"))).isTrue();
        assertThat(awaitRudpThreadsGone(threadsBefore, 30_000)).isEmpty();
        if (socketsBefore >= 0) {
            assertThat(awaitOpenSocketsAtMost(socketsBefore, 10_000)).isLessThanOrEqualTo(socketsBefore);
        }
    }

    @Test
    void badLinkListsAreUsageErrors() {
        assertThat(run("--only", "link", "--link-loss", "100").err())
                .contains("--link-loss: a loss rate must be at least 0 and below 100 percent, got 100.0");
        assertThat(run("--only", "link", "--link-rtt", "-5").err())
                .contains("--link-rtt: a round-trip time must be 0 to 10000 ms, got -5");
        assertThat(run("--only", "link", "--link-cc", "VEGAS").exitCode()).isEqualTo(BenchCommand.EXIT_USAGE);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aQuickLoopbackAndLatencyRunWritesTheReportAndChartsAndLeavesNothingBehind() throws Exception {
        Set<Thread> threadsBefore = rudpThreads();
        long socketsBefore = openSockets();
        Path out = dir.resolve("quick");

        Run r = run("--quick", "--only", "loopback,latency", "--reps", "1", "--loopback-mib", "2",
                "--loopback-connections", "2", "--latency-samples", "50", "--latency-warmup", "10",
                "--latency-wan-samples", "5", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("results.md"));
        assertThat(r.out()).isEqualTo(md);
        assertThat(md).contains("## Targets", "## Loopback goodput (`loopback`)", "## Ping-pong latency (`latency`)");
        for (String row : List.of("| rudp, 1,200-byte datagrams | 1 |", "| rudp, 65,507-byte datagrams | 2 |",
                "| rudp, default settings (loopback: large datagrams) | 1 |",
                "| TCP (java.net.Socket) | 1 |", "| raw UDP, 1,200-byte datagrams | 2 |",
                "| raw UDP, 65,507-byte datagrams | 1 |", "| rudp, loopback | 50 |", "| raw UDP, loopback | 50 |",
                "| raw UDP, 20 ms RTT, 0% loss | 5 |", "| rudp, 20 ms RTT, 0% loss | 5 |",
                "| rudp, 20 ms RTT, 1% loss | 5 |", "| rudp, 20 ms RTT, 5% loss | 5 |",
                "| loopback | rudp, 1,200-byte datagrams, 1 connection, against raw UDP of the same size |",
                "| loopback | rudp, default settings (loopback: large datagrams), 1 connection |",
                "| latency | p99.9, rudp, 20 ms RTT, 5% loss |")) {
            assertThat(md).contains(row);
        }
        assertThat(md.lines().filter(l -> l.startsWith("| loopback |") || l.startsWith("| latency |"))
                .allMatch(l -> l.endsWith("| pass |") || l.endsWith("| FAIL |"))).isTrue();
        for (String chart : List.of("loopback-goodput.png", "latency-loopback.png", "latency-20ms.png")) {
            assertThat(md).contains("](" + chart + ")");
            Path png = out.resolve(chart);
            assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(chart).isNotNull();
        }

        assertThat(awaitRudpThreadsGone(threadsBefore, 30_000)).isEmpty();
        if (socketsBefore >= 0) {
            assertThat(awaitOpenSocketsAtMost(socketsBefore, 10_000)).isLessThanOrEqualTo(socketsBefore);
        }
    }

    /** Live threads of rudp and of the benchmark (drivers, proxies, the bench's own pools). */
    private static Set<Thread> rudpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("rudp-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    /** Waits (bounded) for the threads started since {@code before} to end; returns those still alive. */
    private static Set<Thread> awaitRudpThreadsGone(Set<Thread> before, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread t : rudpThreads()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!before.contains(t) && left > 0) {
                t.join(left);
            }
        }
        Set<Thread> alive = rudpThreads();
        alive.removeAll(before);
        return alive;
    }

    /**
     * Waits (bounded) until at most {@code limit} sockets are open (a socket closed by a thread that
     * just ended may take a moment to leave /proc); returns the last count.
     */
    private static long awaitOpenSocketsAtMost(long limit, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long open = openSockets();
        while (open > limit && deadline - System.nanoTime() > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            open = openSockets();
        }
        return open;
    }

    /** Open socket descriptors of this process (Linux), or -1 where /proc is not available. */
    private static long openSockets() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }
}
