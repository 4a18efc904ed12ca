package io.rudp.bench.suite;

import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.TargetCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code netem} section's part of the report: setup notes, the bulk and ping-pong tables, the targets. */
final class NetemReport {

    /**
     * The goodput targets (rudp over TCP-BBR, bulk goodput from the first byte): link spec,
     * minimum ratio.
     */
    private static final List<Object[]> GOODPUT_TARGETS = List.of(
            new Object[] {"20ms:1%", 1.03}, new Object[] {"20ms:5%", 1.0}, new Object[] {"20ms:burst2%x10", 1.0},
            new Object[] {"100ms:1%", 1.2});
    /** The ping-pong targets: link spec, largest p99 ratio rudp over TCP-BBR. */
    private static final List<Object[]> P99_TARGETS = List.of(new Object[] {"20ms:1%", 0.25},
            new Object[] {"20ms:5%", 0.25});
    private static final String BASELINE = "TCP-BBR";

    private NetemReport() {
    }

    static SectionResult build(NetemPlan plan, BenchContext context, List<NetemScenario.Column> columns,
            List<NetemScenario> scenarios, List<String> columnNotes, Path netemDir) {
        String runs = context.reps() + " repetition" + (context.reps() == 1 ? "" : "s");
        ReportTable bulk = new ReportTable(String.format(Locale.ROOT, "Bulk transfer of %s MiB, A to B, median (min-max)"
                + " of the completed runs of %s", Cell.number(plan.bulkBytes() / (double) (1 << 20), 0), runs),
                "link", "transport", "goodput from first byte (Mbit/s)", "against " + BASELINE,
                "steady, second half (Mbit/s)", "connect (ms)", "CPU s (both ends)", "rudp retransmitted packets",
                "queue drops A to B", "failed runs", "linkem >1 ms late (worst run)");
        ReportTable ping = new ReportTable(String.format(Locale.ROOT, "Ping-pong of 64-byte messages, %,d round trips"
                + " per run after %d unrecorded, median (min-max) of %s", plan.pingRoundTrips(), plan.pingWarmUp(), runs),
                "link", "transport", "p50 (ms)", "p99 (ms)", "p99.9 (ms)", "max (ms)", "p99 against " + BASELINE);
        List<String> failures = new ArrayList<>();
        for (NetemScenario s : scenarios) {
            Optional<NetemScenario> base = baseline(scenarios, s);
            String goodputRatio = s.column().label().equals(BASELINE) ? "-"
                    : ratio(s.bulkMedian(NetemRunner.Bulk::goodputMbps),
                            base.map(b -> b.bulkMedian(NetemRunner.Bulk::goodputMbps)));
            bulk.addRow(s.link().label(), s.column().label(), s.bulkCell(NetemRunner.Bulk::goodputMbps, 1), goodputRatio,
                    s.bulkCell(NetemRunner.Bulk::steadyMbps, 1), s.bulkCell(NetemRunner.Bulk::connectMillis, 1),
                    s.bulkCell(NetemRunner.Bulk::cpuSeconds, 2),
                    s.hasRudpCounters() ? s.bulkCell(NetemRunner.Bulk::retransmittedPackets, 0) : "-",
                    s.queueDropsCell(), s.failedText(), String.format(Locale.ROOT, "%.2f%%", s.worstLateFraction() * 100));
            String p99Ratio = s.column().label().equals(BASELINE) ? "-"
                    : ratio(s.pingMedian(NetemRunner.Ping::p99Millis), base.map(b -> b.pingMedian(NetemRunner.Ping::p99Millis)));
            ping.addRow(s.link().label(), s.column().label(), s.pingCell(NetemRunner.Ping::p50Millis, 2),
                    s.pingCell(NetemRunner.Ping::p99Millis, 2), s.pingCell(NetemRunner.Ping::p999Millis, 2),
                    s.pingCell(NetemRunner.Ping::maxMillis, 2), p99Ratio);
            for (String f : s.failures()) {
                failures.add("- " + s.link().label() + ", " + s.column().label() + ": " + f.replace("|", "/"));
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add(setup(plan, context, columns, netemDir, scenarios));
        notes.addAll(columnNotes);
        List<ReportTable> tables = List.of(bulk, ping);
        if (!failures.isEmpty()) {
            notes.add("Failed runs (the tables count them; the children's logs are in `netem-logs/`):\n\n"
                    + String.join("\n", failures));
        }
        return new SectionResult(NetemSection.NAME, NetemSection.TITLE, notes, tables, targets(scenarios), List.of());
    }

    private static String setup(NetemPlan plan, BenchContext context, List<NetemScenario.Column> columns, Path netemDir,
            List<NetemScenario> scenarios) {
        long datagram = scenarios.stream().filter(s -> s.column().transport() == NetemEnds.Transport.RUDP)
                .mapToLong(s -> (long) s.bulkMedian(NetemRunner.Bulk::meanDatagramBytes)).filter(v -> v > 0).max().orElse(-1);
        return String.format(Locale.ROOT,
                "Each link is emulated by linkem (`%s`, started by its `up.sh` with `--rate`, `--delay` of half the RTT"
                + " each way, the loss in both directions, the queue at its default of one bandwidth-delay product, at least"
                + " 64 packets; linkem as SCHED_FIFO): two network namespaces, host A %s and host B %s, joined by TUN"
                + " devices with a 1,500-byte MTU, every IP packet impaired alike for TCP and UDP. Each end is a child JVM"
                + " in its namespace (`ip netns exec rudpB java ...` receives or echoes, `ip netns exec rudpA java ...`"
                + " sends or pings), from this bench's classpath. The emulator restarts before every run with the seed of"
                + " the repetition, so each transport of a repetition meets the same loss pattern, back to back. Columns:"
                + " %s. rudp runs `RudpConfig.defaults()` (the product as shipped: %s controller, datagrams of at most"
                + " %,d bytes to a non-loopback peer, so 1,200-byte UDP payloads on this path%s). TCP is `java.net.Socket`"
                + " with default options (MSS 1,448 bytes on this MTU), its congestion controller set in both namespaces"
                + " (`net.ipv4.tcp_congestion_control`); the ping-pong sets TCP_NODELAY on both ends. Bulk: one connection"
                + " moves %,d bytes from A to B in 64 KiB writes; \"goodput from first byte\" is the bytes over the time from"
                + " the sender's first write (after the handshake; startup included) to the receiver's last byte, both read"
                + " from CLOCK_MONOTONIC, which the two namespaces share; \"steady\" is the second half of the payload over"
                + " the time from the receiver's byte at half to its last byte; \"connect\" from the start of connect to the"
                + " first write (the first connection of a fresh JVM: class loading and start-up included). CPU: the CPU"
                + " time of both processes over the run (JIT and GC included, JVM start-up not)."
                + " A run that dies or exceeds %d s (ping-pong: more, by 4 RTT per round trip) is a failed run: counted,"
                + " its medians left out. \"queue drops\": packets of the data direction that linkem's bottleneck queue"
                + " dropped (the random loss not counted), as a count next to rudp's retransmissions. \"linkem >1 ms late\": the share of packets the emulator wrote more than 1 ms"
                + " after their due time, the worst run of the row (above a few %% the emulator, not the link, shaped the"
                + " run). %d repetition%s.",
                netemDir, NetemLinkControl.ADDRESS_A, NetemLinkControl.ADDRESS_B,
                String.join(", ", columns.stream().map(NetemScenario.Column::label).toList()),
                io.rudp.core.EngineConfig.defaults().congestionControl(), NetemSection.rudpDatagramBytes(),
                datagram > 0 ? String.format(Locale.ROOT, "; the sender's mean datagram, acknowledgements included, was"
                        + " %,d bytes", datagram) : "",
                plan.bulkBytes(), plan.runTimeout().toSeconds(), context.reps(), context.reps() == 1 ? "" : "s");
    }

    private static List<TargetCheck> targets(List<NetemScenario> scenarios) {
        List<TargetCheck> out = new ArrayList<>();
        for (Object[] t : GOODPUT_TARGETS) {
            find(scenarios, (String) t[0], "rudp").ifPresent(r -> find(scenarios, (String) t[0], BASELINE).ifPresent(b -> {
                double rudp = r.bulkMedian(NetemRunner.Bulk::goodputMbps);
                double tcp = b.bulkMedian(NetemRunner.Bulk::goodputMbps);
                if (!Double.isNaN(rudp) && !Double.isNaN(tcp)) {
                    double x = rudp / tcp;
                    out.add(new TargetCheck("netem, " + r.link().label() + ", goodput from first byte",
                            Cell.number(rudp, 1) + " Mbit/s", BASELINE + " " + Cell.number(tcp, 1) + " Mbit/s",
                            Cell.number(x, 2) + "x (target >= " + t[1] + "x)", x >= (double) t[1]));
                }
            }));
        }
        for (Object[] t : P99_TARGETS) {
            find(scenarios, (String) t[0], "rudp").ifPresent(r -> find(scenarios, (String) t[0], BASELINE).ifPresent(b -> {
                double rudp = r.pingMedian(NetemRunner.Ping::p99Millis);
                double tcp = b.pingMedian(NetemRunner.Ping::p99Millis);
                if (!Double.isNaN(rudp) && !Double.isNaN(tcp)) {
                    double x = rudp / tcp;
                    out.add(new TargetCheck("netem, " + r.link().label() + ", ping-pong p99",
                            Cell.number(rudp, 2) + " ms", BASELINE + " " + Cell.number(tcp, 2) + " ms",
                            Cell.number(x, 2) + "x (target <= " + t[1] + "x)", x <= (double) t[1]));
                }
            }));
        }
        for (NetemScenario s : scenarios) {
            if (s.column().transport() == NetemEnds.Transport.RUDP) {
                out.add(new TargetCheck("netem, " + s.link().label() + ", rudp runs", s.failedText() + " failed", "-",
                        "target: none failed", s.failures().isEmpty()));
            }
        }
        return out;
    }

    private static Optional<NetemScenario> baseline(List<NetemScenario> scenarios, NetemScenario s) {
        return find(scenarios, s.link().spec(), BASELINE);
    }

    private static Optional<NetemScenario> find(List<NetemScenario> scenarios, String linkSpec, String column) {
        return scenarios.stream().filter(s -> s.link().spec().equals(linkSpec) && s.column().label().equals(column))
                .findFirst();
    }

    private static String ratio(double value, Optional<Double> baseline) {
        if (baseline.isEmpty() || Double.isNaN(value) || Double.isNaN(baseline.get()) || baseline.get() == 0) {
            return "-";
        }
        return Cell.number(value / baseline.get(), 2) + "x";
    }
}
