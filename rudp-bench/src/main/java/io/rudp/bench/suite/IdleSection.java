package io.rudp.bench.suite;

import io.rudp.bench.idle.RealServerIdle;
import io.rudp.bench.idle.SimIdle;
import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.TargetCheck;
import io.rudp.core.ConnectionLimit;
import io.rudp.core.EngineConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Section {@code idle}: what an idle connection costs. On the simulator (deterministic), many
 * connections between two engines: retained heap per connection on each side, datagrams and timer
 * firings per connection per second ({@link SimIdle}). On real sockets, a server on 127.0.0.1 with
 * clients in a child JVM: heap per connection with the socket layer's session, and the server's
 * idle CPU ({@link RealServerIdle}).
 */
public final class IdleSection {

    /** The section's name on the command line. */
    public static final String NAME = "idle";

    /** The figures: at most 16 KiB per idle connection, under 1% of a core for 10,000. */
    static final double HEAP_TARGET_BYTES = ConnectionLimit.IDLE_CONNECTION_BUDGET_BYTES;
    static final double CPU_TARGET_FRACTION = 0.01;
    private static final int TARGET_CONNECTIONS = 10_000;

    private final int simConnections;
    private final int realConnections;
    private final Duration cpuWindow;
    private final long seed;

    /**
     * @param simConnections connections on the simulator
     * @param realConnections connections of the real-socket run (each a client thread in the child JVM)
     * @param cpuWindow how long each CPU window of the real-socket run lasts
     * @param seed the simulator's seed
     */
    public IdleSection(int simConnections, int realConnections, Duration cpuWindow, long seed) {
        this.simConnections = simConnections;
        this.realConnections = realConnections;
        this.cpuWindow = cpuWindow;
        this.seed = seed;
    }

    /** Creates it as {@code rudp bench} sizes it. */
    public static Section create(boolean quick, long seed) {
        // CPU windows of 10 and 30 s; the clients of the real-socket run ping every 100 ms (RealServerIdle).
        IdleSection s = quick ? new IdleSection(1_000, 50, Duration.ofSeconds(10), seed)
                : new IdleSection(TARGET_CONNECTIONS, 300, Duration.ofSeconds(30), seed);
        return new Section() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public SectionResult run(BenchContext context) throws Exception {
                return s.run(context);
            }
        };
    }

    SectionResult run(BenchContext context) throws Exception {
        List<TargetCheck> targets = new ArrayList<>();
        context.progress("idle: %,d connections on the simulator (engine only)...", simConnections);
        SimIdle.Result sim = SimIdle.run(EngineConfig.defaults(), simConnections, 64 * 1024, 30, 60, seed);
        ReportTable engine = new ReportTable(String.format(Locale.ROOT,
                "%,d idle connections between two engines on the simulator (each moved 64 KiB each way, then idle"
                + " 30 s; counts over the next 60 s of virtual time)", sim.connections()),
                "side", "heap per connection (bytes, after full GC)", "datagrams sent per connection per s",
                "timers fired per connection per s");
        engine.addRow("client", Cell.number(sim.clientHeapBytesPerConnection(), 0),
                Cell.number(sim.clientDatagramsPerSecond(), 3), Cell.number(sim.clientTimersPerSecond(), 3));
        engine.addRow("server", Cell.number(sim.serverHeapBytesPerConnection(), 0),
                Cell.number(sim.serverDatagramsPerSecond(), 3), Cell.number(sim.serverTimersPerSecond(), 3));
        context.progress("idle: simulator: client %.0f B, server %.0f B per connection", sim.clientHeapBytesPerConnection(),
                sim.serverHeapBytesPerConnection());

        // After the simulator, whose run compiled the engine's keep-alive path.
        context.progress("idle: a real server with %d loopback connections (clients in a child JVM), %d s CPU windows...",
                realConnections, cpuWindow.toSeconds());
        RealServerIdle.Result real = RealServerIdle.run(realConnections, cpuWindow);
        ReportTable socket = new ReportTable(String.format(Locale.ROOT,
                "A ReliableServer on 127.0.0.1 with %d idle connections, clients in a child JVM with a %d ms keep-alive"
                + " (%d s CPU windows)", real.connections(), RealServerIdle.KEEP_ALIVE.toMillis(), cpuWindow.toSeconds()),
                "server heap per connection (bytes)", "client heap per ReliableSocket (bytes, own driver each)",
                "server driver CPU, empty (% of a core)", "server driver CPU per keep-alive (us)",
                "10,000 connections at the default " + EngineConfig.defaults().keepAliveInterval().toSeconds()
                        + " s keep-alive (% of a core)",
                "whole server process, with less without (% of a core)");
        socket.addRow(Cell.number(real.serverHeapBytesPerConnection(), 0), Cell.number(real.clientHeapBytesPerSocket(), 0),
                Cell.number(100 * real.emptyCpuSecondsPerSecond(), 3),
                Cell.number(1e6 * real.cpuSecondsPerKeepAlive(), 2),
                Cell.number(100 * real.coreFractionFor(TARGET_CONNECTIONS), 2),
                Cell.number(100 * real.processCpuSecondsPerSecond(), 2));
        context.progress("idle: real server: %.0f B per connection, %.2f%% of a core for 10,000",
                real.serverHeapBytesPerConnection(), 100 * real.coreFractionFor(TARGET_CONNECTIONS));

        targets.add(heapTarget("idle connection, engine, client side (simulator)", sim.clientHeapBytesPerConnection()));
        targets.add(heapTarget("idle connection, engine, server side (simulator)", sim.serverHeapBytesPerConnection()));
        targets.add(heapTarget("idle connection, server with its session (real sockets)", real.serverHeapBytesPerConnection()));
        double cpu = real.coreFractionFor(TARGET_CONNECTIONS);
        targets.add(new TargetCheck("idle CPU of the server, 10,000 connections (scaled from the real-socket run)",
                Cell.number(100 * cpu, 2) + "% of a core", "-", "< 1%", cpu < CPU_TARGET_FRACTION));

        String setup = String.format(Locale.ROOT,
                "Default settings (keep-alive " + EngineConfig.defaults().keepAliveInterval().toSeconds() + " s, idle timeout "
                + EngineConfig.defaults().idleTimeout().toSeconds() + " s). Heap: used heap after `System.gc()` before"
                + " and with the connections, divided by their number; on the simulator the client side's connections"
                + " are then ended and the drop is the client's figure. The server endpoint's connection limit: %s."
                + " Real sockets: each client `ReliableSocket` still has its own UDP socket and driver thread, so the"
                + " client figure is a whole socket's. The server's idle CPU is the CPU time of its driver thread (which"
                + " does all of an idle connection's work) with the connections, less the same driver's with none, over"
                + " equal windows; the clients ping every 100 ms (a hundred times the default rate, after 10 s of warm-up)"
                + " so that the path is compiled and the windows hold many keep-alives, and the cost per keep-alive is"
                + " scaled to 10,000 connections at the default 10 s. The whole process's difference (JIT and GC"
                + " included, at the 100 ms rate) is shown beside it. Heap per connection is measured over the connections after the first 10.",
                sim.connectionLimit());
        return new SectionResult(NAME, "Idle connections: memory and CPU", List.of(setup), List.of(engine, socket),
                targets, List.of());
    }

    private static TargetCheck heapTarget(String scenario, double bytes) {
        return new TargetCheck(scenario, Cell.number(bytes, 0) + " B", "-", "<= 16,384 B", bytes <= HEAP_TARGET_BYTES);
    }
}
