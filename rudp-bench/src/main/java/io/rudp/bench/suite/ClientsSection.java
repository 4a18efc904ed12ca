package io.rudp.bench.suite;

import io.rudp.bench.clients.ClientsBenchmark;
import io.rudp.bench.clients.ClientsBenchmark.Kind;
import io.rudp.bench.clients.ClientsBenchmark.Result;
import io.rudp.bench.clients.ProcessSnapshot;
import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.TargetCheck;
import io.rudp.core.EngineConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Section {@code clients}: N idle loopback connections from one {@code RudpClient} (one UDP
 * socket, one driver thread) to one {@code ReliableServer} in a child JVM, side by side with a
 * smaller number of plain {@code ReliableSocket}s (each its own socket and thread): threads,
 * heap, descriptors and RSS per connection on each side, idle CPU, connect rate
 * ({@link ClientsBenchmark}). Each repetition starts a fresh server process; the median
 * repetition by client heap per connection is reported.
 */
public final class ClientsSection implements Section {

    /** The section's name on the command line. */
    public static final String NAME = "clients";

    /** The targets for N idle connections, per side. */
    static final double HEAP_TARGET_BYTES = 16 * 1024;
    static final int THREAD_TARGET = 4;
    static final double IDLE_CPU_TARGET_PERCENT = 1.0;

    private final int sharedConnections;
    private final int plainSockets;
    private final Duration idle;

    /**
     * @param sharedConnections connections over the one {@code RudpClient}
     * @param plainSockets plain {@code ReliableSocket}s for comparison (0: skip)
     * @param idle how long CPU is measured with every connection idle
     */
    public ClientsSection(int sharedConnections, int plainSockets, Duration idle) {
        this.sharedConnections = sharedConnections;
        this.plainSockets = plainSockets;
        this.idle = idle;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SectionResult run(BenchContext context) throws Exception {
        // Plain sockets first: the client's RSS after thousands of shared connections stays high
        // for a while (the JVM gives heap back slowly), which would make the next baseline wrong.
        Result plain = plainSockets > 0 ? median(context, Kind.PLAIN, plainSockets) : null;
        Result shared = median(context, Kind.SHARED, sharedConnections);

        List<String> headers = new ArrayList<>(List.of("", "RudpClient: client side", "RudpClient: server side"));
        if (plain != null) {
            headers.addAll(List.of("plain ReliableSocket: client side", "plain ReliableSocket: server side"));
        }
        ReportTable table = new ReportTable(String.format(Locale.ROOT, "Idle loopback connections, each side in its own"
                + " JVM; the median of %d repetition%s by client heap per connection", context.reps(),
                context.reps() == 1 ? "" : "s"), headers.toArray(String[]::new));
        table.addRow(row("connections", shared, plain, r -> r.connections(), r -> r.connections(), 0));
        table.addRow(row("rudp driver threads", shared, plain, r -> r.clientAfter().rudpThreads(),
                r -> r.serverAfter().rudpThreads(), 0));
        table.addRow(row("JVM live threads (all, with the JVM's own)", shared, plain, r -> r.clientAfter().liveThreads(),
                r -> r.serverAfter().liveThreads(), 0));
        table.addRow(row("heap per connection after full GC (KiB)", shared, plain, r -> r.clientHeapPerConnection() / 1024,
                r -> r.serverHeapPerConnection() / 1024, 1));
        table.addRow(row("file descriptors opened", shared, plain, r -> delta(r.clientBefore(), r.clientAfter(), true),
                r -> delta(r.serverBefore(), r.serverAfter(), true), 0));
        table.addRow(row("RSS per connection (KiB)", shared, plain,
                r -> delta(r.clientBefore(), r.clientAfter(), false) / 1024.0 / r.connections(),
                r -> delta(r.serverBefore(), r.serverAfter(), false) / 1024.0 / r.connections(), 1));
        table.addRow(row(String.format(Locale.ROOT, "idle CPU over %d s (%% of a core)", idle.toSeconds()), shared, plain,
                Result::clientIdleCpuPercent, Result::serverIdleCpuPercent, 2));
        table.addRow(row("of which in garbage collection (ms, as the JVM reports it)", shared, plain,
                r -> r.clientIdleGcMillis(), r -> r.serverIdleGcMillis(), 0));
        table.addRow(row("connects per second (" + ClientsBenchmark.CONNECTOR_THREADS + " connecting threads)", shared, plain,
                Result::connectsPerSecond, r -> Double.NaN, 0));
        table.addRow(row("connects that failed and were retried", shared, plain, r -> r.connectRetries(), r -> Double.NaN, 0));

        List<TargetCheck> targets = new ArrayList<>();
        String scenario = String.format(Locale.ROOT, "%,d idle connections over one RudpClient", shared.connections());
        targets.add(new TargetCheck(scenario + ": client heap per connection", kib(shared.clientHeapPerConnection()), "-",
                "<= 16 KiB", shared.clientHeapPerConnection() <= HEAP_TARGET_BYTES));
        targets.add(new TargetCheck(scenario + ": server heap per connection", kib(shared.serverHeapPerConnection()), "-",
                "<= 16 KiB", shared.serverHeapPerConnection() <= HEAP_TARGET_BYTES));
        targets.add(new TargetCheck(scenario + ": rudp threads, client / server",
                shared.clientAfter().rudpThreads() + " / " + shared.serverAfter().rudpThreads(), "-", "<= " + THREAD_TARGET
                + " per side", shared.clientAfter().rudpThreads() <= THREAD_TARGET
                        && shared.serverAfter().rudpThreads() <= THREAD_TARGET));
        targets.add(new TargetCheck(scenario + ": idle CPU, client / server", String.format(Locale.ROOT, "%.2f%% / %.2f%%",
                shared.clientIdleCpuPercent(), shared.serverIdleCpuPercent()), "-", "< 1% of a core per side",
                shared.clientIdleCpuPercent() < IDLE_CPU_TARGET_PERCENT
                        && shared.serverIdleCpuPercent() < IDLE_CPU_TARGET_PERCENT));

        String setup = String.format(Locale.ROOT, "The client side runs in the benchmark's JVM, the server (`ReliableServer` on"
                + " 127.0.0.1, accepting every client and keeping it) in a child JVM started from the same class path, so"
                + " each side's heap, threads, descriptors and RSS are its own. Default settings on both sides except"
                + " `maxConnections` (N + 1,024), `acceptBacklog` (4,096) and a patient handshake (60 s, 20 sends: a side"
                + " holding thousands of"
                + " connections pauses in GC for seconds on a loaded machine, see `ClientsBenchmark.config`); keep-alives"
                + " (every " + EngineConfig.defaults().keepAliveInterval().toSeconds() + " s, the default) run as they would."
                + " %d threads connect in"
                + " parallel and end before anything is measured. Heap: in use after two `System.gc()`, with every"
                + " connection open, minus the same before connecting, divided by N. Descriptors and RSS from"
                + " `/proc/self` (-1 where not readable). Idle CPU: the process's CPU time over %d s with nothing sent by"
                + " the application, as a percentage of one core (JIT and GC included).",
                ClientsBenchmark.CONNECTOR_THREADS, idle.toSeconds());
        return new SectionResult(NAME, "Client connections: one shared RudpClient against plain ReliableSockets",
                List.of(setup), List.of(table), targets, List.of());
    }

    private Result median(BenchContext context, Kind kind, int connections) throws Exception {
        List<Result> runs = new ArrayList<>();
        for (int rep = 0; rep < context.reps(); rep++) {
            Result r = ClientsBenchmark.run(kind, connections, idle);
            runs.add(r);
            context.progress("clients: %s, %d connections, rep %d/%d: %.0f connects/s; heap per connection %.1f KiB"
                    + " client, %.1f KiB server; idle CPU %.2f%% client, %.2f%% server; rudp threads %d client, %d server",
                    kind, r.connections(), rep + 1, context.reps(), r.connectsPerSecond(),
                    r.clientHeapPerConnection() / 1024, r.serverHeapPerConnection() / 1024, r.clientIdleCpuPercent(),
                    r.serverIdleCpuPercent(), r.clientAfter().rudpThreads(), r.serverAfter().rudpThreads());
        }
        runs.sort((a, b) -> Double.compare(a.clientHeapPerConnection(), b.clientHeapPerConnection()));
        return runs.get(runs.size() / 2);
    }

    private static double delta(ProcessSnapshot before, ProcessSnapshot after, boolean fds) {
        long b = fds ? before.fds() : before.rssBytes();
        long a = fds ? after.fds() : after.rssBytes();
        return a < 0 || b < 0 ? Double.NaN : a - b;
    }

    private static String kib(double bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }

    private static String[] row(String what, Result shared, Result plain, ToDoubleFunction<Result> client,
            ToDoubleFunction<Result> server, int decimals) {
        List<String> cells = new ArrayList<>(List.of(what, cell(client.applyAsDouble(shared), decimals),
                cell(server.applyAsDouble(shared), decimals)));
        if (plain != null) {
            cells.add(cell(client.applyAsDouble(plain), decimals));
            cells.add(cell(server.applyAsDouble(plain), decimals));
        }
        return cells.toArray(String[]::new);
    }

    private static String cell(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
