package io.rudp.bench.suite;

import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.TargetCheck;
import io.rudp.core.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section {@code netem}: rudp against TCP ({@code java.net.Socket}; the namespaces' BBR, and CUBIC
 * where the host allows it) on the same emulated link, back to back, through the user-space link
 * emulator of {@code ../shared/netem} (two network namespaces joined by TUN devices; linkem
 * impairs every IP packet, TCP and UDP alike). Each end runs as a child JVM inside its namespace.
 * Per link: bulk goodput of one transfer from the first byte written and over its second half,
 * CPU, 64-byte ping-pong percentiles, failed runs. Without root, {@code /dev/net/tun}, {@code ip},
 * {@code gcc} or {@code make} it reports what is missing and skips.
 */
public final class NetemSection implements Section {

    /** The section's name. */
    public static final String NAME = "netem";
    static final String TITLE = "rudp against TCP on an emulated link (linkem)";

    private final NetemPlan plan;
    private final NetemPreflight.Probe probe;

    /** The section as the command builds it, checking this machine. */
    public NetemSection(NetemPlan plan) {
        this(plan, NetemPreflight.system());
    }

    NetemSection(NetemPlan plan, NetemPreflight.Probe probe) {
        this.plan = plan;
        this.probe = probe;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SectionResult run(BenchContext context) throws Exception {
        NetemPreflight.Result pre = NetemPreflight.check(probe, plan.netemDir(), repositoryRoot());
        if (!pre.canRun()) {
            String why = String.join("; ", pre.missing());
            context.progress("netem: skipped: %s", why);
            return SectionResult.noteOnly(NAME, TITLE, "**Skipped**: " + why + ". The section needs root,"
                    + " /dev/net/tun, `ip`, `gcc` and `make`, and the link emulator (`../shared/netem` beside the"
                    + " repository, or `--netem-dir DIR`, or the environment variable " + NetemPreflight.DIR_ENV + ").");
        }
        List<String> notes = new ArrayList<>();
        List<NetemScenario.Column> columns = columns(pre, notes);
        Path logDir = context.outDir().resolve("netem-logs");
        Files.createDirectories(logDir);
        Path buildDir = Path.of(System.getProperty("java.io.tmpdir"), "rudp-bench-linkem");
        Files.createDirectories(buildDir);
        NetemRunner runner = NetemRunner.ofThisJvm(logDir);
        List<NetemScenario> scenarios = new ArrayList<>();
        context.progress("netem: emulator %s; %d link%s x %s, %d repetition%s; logs in %s", pre.netemDir(),
                plan.links().size(), plan.links().size() == 1 ? "" : "s",
                String.join(", ", columns.stream().map(NetemScenario.Column::label).toList()), context.reps(),
                context.reps() == 1 ? "" : "s", logDir);
        try (NetemLinkControl control = new NetemLinkControl(pre.netemDir(), buildDir, logDir.resolve("emulator.log"))) {
            control.up(plan.links().get(0), plan.emulatorSeed(0)); // creates the namespaces: a failure ends the section
            control.stopEmulator();
            for (NetemLink link : plan.links()) {
                List<NetemScenario> row = new ArrayList<>();
                for (NetemScenario.Column c : columns) {
                    row.add(new NetemScenario(link, c));
                }
                for (int rep = 0; rep < context.reps(); rep++) {
                    if (control.tornDown()) {
                        throw new java.io.IOException("stopped: the link was torn down (interrupted)");
                    }
                    for (NetemScenario s : row) {
                        bulkRun(context, control, runner, s, rep);
                    }
                    for (NetemScenario s : row) {
                        pingRun(context, control, runner, s, rep);
                    }
                }
                scenarios.addAll(row);
            }
        }
        return NetemReport.build(plan, context, columns, scenarios, notes, pre.netemDir());
    }

    private List<NetemScenario.Column> columns(NetemPreflight.Result pre, List<String> notes) {
        List<NetemScenario.Column> columns = new ArrayList<>(List.of(NetemScenario.Column.rudp()));
        for (String cc : List.of("bbr", "cubic")) {
            if (pre.allows(cc)) {
                columns.add(NetemScenario.Column.tcp(cc));
            } else {
                String allowed = String.join(" ", pre.allowedControllers());
                notes.add(String.format(Locale.ROOT, "**TCP-%s skipped**: the host's"
                        + " `net.ipv4.tcp_allowed_congestion_control` lists only '%s' (of the loaded controllers), so a"
                        + " namespace cannot default to %s and Java cannot choose it per socket. The section does not change"
                        + " host-wide settings; to include it, allow it first (this changes the host): `sysctl -w"
                        + " net.ipv4.tcp_allowed_congestion_control='%s %s'`.", cc.toUpperCase(Locale.ROOT), allowed, cc,
                        allowed, cc));
            }
        }
        return columns;
    }

    private void bulkRun(BenchContext context, NetemLinkControl control, NetemRunner runner, NetemScenario s, int rep)
            throws InterruptedException {
        String tag = tag(s, "bulk", rep);
        try {
            prepare(control, s, rep);
            NetemRunner.Bulk b;
            List<String> counters = List.of();
            try {
                b = runner.bulk(s.column().transport(), plan.bulkBytes(), plan.runTimeout(), tag);
            } finally {
                counters = control.stopEmulator();
                s.emulatorLate(lateFraction(counters));
            }
            s.addBulk(b, counter(counters, "a2b", "drop_queue"));
            context.progress("netem: %s, %s, rep %d/%d: bulk %.1f Mbit/s from the first byte, %.1f steady, CPU %.2f s",
                    s.link().spec(), s.column().label(), rep + 1, context.reps(), b.goodputMbps(), b.steadyMbps(),
                    b.cpuSeconds());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            s.bulkFailed(describe(e));
            context.progress("netem: %s, %s, rep %d/%d: bulk FAILED: %s (logs %s-*.log)", s.link().spec(),
                    s.column().label(), rep + 1, context.reps(), describe(e), tag);
        }
    }

    private void pingRun(BenchContext context, NetemLinkControl control, NetemRunner runner, NetemScenario s, int rep)
            throws InterruptedException {
        String tag = tag(s, "ping", rep);
        // a lossy round trip may take several RTTs: the bound grows with the count
        Duration timeout = plan.runTimeout().plus(Duration.ofMillis(
                4L * (plan.pingWarmUp() + plan.pingRoundTrips()) * Math.max(1, s.link().rttMillis())));
        try {
            prepare(control, s, rep);
            NetemRunner.Ping p;
            try {
                p = runner.ping(s.column().transport(), plan.pingWarmUp(), plan.pingRoundTrips(), timeout, tag);
            } finally {
                s.emulatorLate(lateFraction(control.stopEmulator()));
            }
            s.addPing(p);
            context.progress("netem: %s, %s, rep %d/%d: ping-pong p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms",
                    s.link().spec(), s.column().label(), rep + 1, context.reps(), p.p50Millis(), p.p99Millis(),
                    p.p999Millis());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            s.pingFailed(describe(e));
            context.progress("netem: %s, %s, rep %d/%d: ping-pong FAILED: %s (logs %s-*.log)", s.link().spec(),
                    s.column().label(), rep + 1, context.reps(), describe(e), tag);
        }
    }

    /** A fresh emulator for every run (same seed per repetition: every transport meets the same loss pattern). */
    private void prepare(NetemLinkControl control, NetemScenario s, int rep) throws Exception {
        control.up(s.link(), plan.emulatorSeed(rep));
        if (s.column().tcpController() != null) {
            String now = control.setTcpController(s.column().tcpController());
            if (!now.equals(s.column().tcpController())) {
                throw new IllegalStateException("the namespace uses " + now + " instead of " + s.column().tcpController());
            }
        }
    }

    private static String tag(NetemScenario s, String kind, int rep) {
        return (s.link().spec().replaceAll("[^A-Za-z0-9.]+", "_") + "-" + s.column().label() + "-" + kind + "-" + (rep + 1))
                .toLowerCase(Locale.ROOT);
    }

    /**
     * The share of packets linkem wrote more than 1 ms after their due time, from its
     * {@code linkem final ... tx=N ... late_1ms=N} lines (both directions); 0 without such lines.
     */
    static double lateFraction(List<String> finalLines) {
        long tx = 0;
        long late = 0;
        for (String line : finalLines) {
            Map<String, String> f = NetemChild.fields(line);
            try {
                tx += Long.parseLong(f.getOrDefault("tx", "0"));
                late += Long.parseLong(f.getOrDefault("late_1ms", "0"));
            } catch (NumberFormatException e) {
                // a line of another format: not counted
            }
        }
        return tx == 0 ? 0 : (double) late / tx;
    }

    /** A counter of one direction ({@code a2b} or {@code b2a}) from linkem's final lines; 0 when absent. */
    static long counter(List<String> finalLines, String direction, String name) {
        for (String line : finalLines) {
            if (List.of(line.trim().split("\\s+")).contains(direction)) {
                try {
                    return Long.parseLong(NetemChild.fields(line).getOrDefault(name, "0"));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static Path repositoryRoot() {
        try {
            return NetemPreflight.repositoryRoot(
                    Path.of(NetemSection.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            return null;
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    /** rudp's datagram ceiling towards a non-loopback peer in the shipped configuration. */
    static int rudpDatagramBytes() {
        return EngineConfig.defaults().maxDatagramBytes();
    }
}
