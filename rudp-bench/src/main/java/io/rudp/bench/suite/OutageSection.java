package io.rudp.bench.suite;

import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.Stats;
import io.rudp.bench.report.TargetCheck;
import io.rudp.core.CloseReason;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Section {@code outage}: liveness by time (issue 14), on the simulator in virtual time, so the
 * figures are deterministic for a seed and cost no wall-clock waiting. A 16 MiB transfer at 20 ms
 * RTT through a path that drops everything both ways for 1, 5 or 20 s under a peer timeout of 10
 * or 30 s: how many runs survive, how soon after the path's return a probe goes out and data
 * moves again, and, when the connection dies, how long after the last packet heard. Then 32 MiB
 * over a burst-loss link (2% mean loss in bursts of 10 packets): how many runs survive.
 */
public final class OutageSection implements Section {

    /** The section's name on the command line. */
    public static final String NAME = "outage";

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1L << 20;
    private static final long OUTAGE_BYTES = 16 * MIB;
    private static final long OUTAGE_AFTER_BYTES = 4 * MIB;
    /** "Data moving again at rate": the reader has this much more after the return. */
    private static final long RESUMED_BYTES = 2 * MIB;
    private static final long BURST_BYTES = 32 * MIB;
    private static final long RUN_LIMIT_NANOS = 600 * SECOND;

    /** The figures for main (count rule), measured through an independent relay. */
    private static final String MAIN_OUTAGE = "2 of 7 survived; resumed 2.3 s and 5.2 s after the return (issue 14, main)";
    private static final String MAIN_BURST = "1 of 5 and 3 of 10 died (issue 14, main, netem)";

    /** The outage scenarios: {outage seconds, peer timeout seconds}. */
    private static final int[][] OUTAGES = {{1, 30}, {5, 30}, {20, 30}, {5, 10}, {20, 10}};

    private final int seeds;
    private final long seed;

    /**
     * @param seeds runs of each scenario, each with its own seed
     * @param seed the first seed; run {@code i} uses {@code seed + i}
     */
    public OutageSection(int seeds, long seed) {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
        this.seeds = seeds;
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** 100 Mbit/s, 20 ms RTT, a drop-tail queue of one bandwidth-delay product (250 kB). */
    static LinkConfig path() {
        return LinkConfig.builder().delay(Duration.ofMillis(10)).bandwidth(100_000_000, 250_000).build();
    }

    /** {@link #path()} with Gilbert-Elliott burst loss: 2% of packets lost on average, in bursts of 10 on average. */
    static LinkConfig burstPath() {
        double leaveBad = 0.1; // mean burst of 1 / 0.1 = 10 packets, every one lost while bad
        double enterBad = leaveBad * 0.02 / 0.98; // stationary bad share p / (p + r) = 2%
        return LinkConfig.builder().delay(Duration.ofMillis(10)).bandwidth(100_000_000, 250_000)
                .burstLoss(enterBad, leaveBad, 1.0).build();
    }

    @Override
    public SectionResult run(BenchContext context) {
        ReportTable outages = new ReportTable("16 MiB at 20 ms RTT (100 Mbit/s), the path cut both ways once the reader"
                + " has 4 MiB, for the outage plus a seeded 0-1 s; " + seeds + " seeds per row. Times after the path's return: median (max) over the"
                + " surviving runs.",
                "outage", "peer timeout", "survived", "read intact", "first packet sent", "data read again",
                "2 MiB more read", "died after last packet heard", "reason of death");
        List<TargetCheck> targets = new ArrayList<>();
        for (int[] scenario : OUTAGES) {
            OutageRow row = outageRow(context, scenario[0], scenario[1]);
            outages.addRow(scenario[0] + " s", scenario[1] + " s", row.survivedText(), row.intact + "/" + seeds,
                    seconds(row.probeDelays), seconds(row.dataDelays), seconds(row.resumedDelays),
                    row.deathAfterHeard.isEmpty() ? "-" : range(row.deathAfterHeard), row.reason);
            if (scenario[0] == 5 && scenario[1] == 30) {
                targets.add(new TargetCheck("outage 5 s, peer timeout 30 s, " + seeds + " seeds: survival",
                        row.survivedText(), MAIN_OUTAGE, "100% required", row.survived == seeds));
                double maxData = row.dataDelays.isEmpty() ? Double.NaN : max(row.dataDelays);
                targets.add(new TargetCheck("outage 5 s, peer timeout 30 s: data read again after the return (max)",
                        String.format(Locale.ROOT, "%.3f s", maxData), MAIN_OUTAGE, "<= 1 s (about)",
                        maxData <= 1.0));
            }
            if (scenario[0] == 20 && scenario[1] == 10) {
                double earliest = row.deathAfterHeard.isEmpty() ? Double.NaN
                        : Stats.min(row.deathAfterHeard.stream().mapToDouble(Double::doubleValue).toArray());
                targets.add(new TargetCheck("outage 20 s, peer timeout 10 s: death, never before 10 s after the last"
                        + " packet heard", (seeds - row.survived) + "/" + seeds + " died, earliest "
                        + String.format(Locale.ROOT, "%.3f s", earliest), "-", "all die, >= 10 s",
                        row.survived == 0 && earliest >= 10.0));
            }
        }
        ReportTable bursts = new ReportTable("32 MiB at 20 ms RTT (100 Mbit/s) with burst loss both ways (Gilbert-Elliott:"
                + " 2% of packets lost on average, in bursts of 10 on average), default settings; " + seeds + " seeds.",
                "survived", "read intact", "transfer time (s)", "longest silence heard by the sender (s)",
                "probe timeouts (max)");
        BurstRow burst = burstRow(context);
        bursts.addRow(burst.survived + "/" + seeds, burst.intact + "/" + seeds, seconds(burst.transferSeconds),
                seconds(burst.longestSilences), Long.toString(burst.maxProbeTimeouts));
        targets.add(new TargetCheck("burst loss 2%, bursts of 10, 32 MiB, " + seeds + " seeds: survival",
                burst.survived + "/" + seeds, MAIN_BURST, "all survive", burst.survived == seeds));
        String setup = "On the simulator (rudp-testkit, virtual time, seeded: the same seeds give the same figures on"
                + " any machine). Default settings except the peer timeout where a row names it. An outage cuts the"
                + " path both ways (SimulatedNetwork.cutPath: everything in flight or sent is dropped) once the reader"
                + " has 4 MiB, and restores it after the outage plus a seeded fraction of a second (uniform in"
                + " [0, 1 s), so that the return falls anywhere in the probe schedule, which starts at the cut). Nobody calls close(), so only the liveness rules can"
                + " end a connection. \"First packet sent\" is the sender's first datagram after the return (a probe,"
                + " or the answer to the receiver's own probe: while the peer is silent, probes are at most"
                + " max(500 ms, PTO) apart); \"data read again\" is when the reader's byte count next"
                + " grows; \"2 MiB more read\" shows the rate coming back (2 MiB take 0.17 s at line rate). Baseline:"
                + " main (the count rule, 6 probe timeouts) is not re-created here; its figures are issue 14's,"
                + " measured on real sockets through an independent relay.";
        return new SectionResult(NAME, "Outages and burst loss: liveness by time", List.of(setup),
                List.of(outages, bursts), targets, List.of());
    }

    private OutageRow outageRow(BenchContext context, int outageSeconds, int peerTimeoutSeconds) {
        EngineConfig config = EngineConfig.builder().peerTimeout(Duration.ofSeconds(peerTimeoutSeconds)).build();
        OutageRow row = new OutageRow();
        for (int i = 0; i < seeds; i++) {
            SimulatedTransfer t = new SimulatedTransfer(seed + i, config, path(), OUTAGE_BYTES);
            long start = t.network.nowNanos();
            if (!t.runUntil(() -> t.bytesRead() >= OUTAGE_AFTER_BYTES || t.clientEndedNanos() >= 0, start + RUN_LIMIT_NANOS)) {
                throw new IllegalStateException("outage run " + (seed + i) + " did not reach 4 MiB: " + t.network.describe());
            }
            long cutAt = t.network.nowNanos();
            t.network.cutPath(t.clientAddress, t.serverAddress);
            // Probes are scheduled from the cut, so a whole number of seconds would always end at
            // the same point of their schedule: a seeded fraction of a second spreads the return
            // over all of it.
            long outageNanos = outageSeconds * SECOND + new SplittableRandom(seed + i).nextLong(SECOND);
            t.runUntil(() -> t.clientEndedNanos() >= 0, cutAt + outageNanos);
            if (t.clientEndedNanos() >= 0) {
                row.onDeath(t);
                continue;
            }
            t.network.restorePath(t.clientAddress, t.serverAddress);
            long back = t.network.nowNanos();
            long sent = t.clientDatagramsSent();
            long read = t.bytesRead();
            long[] firstSend = {-1};
            long[] firstRead = {-1};
            long[] resumed = {-1};
            t.runUntil(() -> {
                long now = t.network.nowNanos();
                if (firstSend[0] < 0 && t.clientDatagramsSent() != sent) {
                    firstSend[0] = now;
                }
                if (firstRead[0] < 0 && t.bytesRead() != read) {
                    firstRead[0] = now;
                }
                if (resumed[0] < 0 && t.bytesRead() >= Math.min(read + RESUMED_BYTES, OUTAGE_BYTES)) {
                    resumed[0] = now;
                }
                return t.complete() || t.clientEndedNanos() >= 0;
            }, back + RUN_LIMIT_NANOS);
            if (t.clientEndedNanos() >= 0) {
                row.onDeath(t);
                continue;
            }
            row.survived++;
            row.intact += t.complete() ? 1 : 0;
            row.probeDelays.add((firstSend[0] - back) / 1e9);
            row.dataDelays.add((firstRead[0] - back) / 1e9);
            row.resumedDelays.add((resumed[0] - back) / 1e9);
        }
        context.progress("outage: %d s outage, %d s peer timeout: %d/%d survived", outageSeconds, peerTimeoutSeconds,
                row.survived, seeds);
        return row;
    }

    private BurstRow burstRow(BenchContext context) {
        BurstRow row = new BurstRow();
        for (int i = 0; i < seeds; i++) {
            SimulatedTransfer t = new SimulatedTransfer(seed + i, EngineConfig.defaults(), burstPath(), BURST_BYTES);
            long start = t.network.nowNanos();
            t.runUntil(() -> t.complete() || t.clientEndedNanos() >= 0, start + RUN_LIMIT_NANOS);
            row.longestSilences.add(t.longestSilenceNanos() / 1e9);
            row.maxProbeTimeouts = Math.max(row.maxProbeTimeouts, t.client.stats().probeTimeouts());
            if (t.clientEndedNanos() < 0) {
                row.survived++;
                row.transferSeconds.add((t.network.nowNanos() - start) / 1e9);
            }
            row.intact += t.complete() ? 1 : 0;
        }
        context.progress("outage: burst loss, 32 MiB: %d/%d survived", row.survived, seeds);
        return row;
    }

    private final class OutageRow {
        int survived;
        int intact;
        final List<Double> probeDelays = new ArrayList<>();
        final List<Double> dataDelays = new ArrayList<>();
        final List<Double> resumedDelays = new ArrayList<>();
        final List<Double> deathAfterHeard = new ArrayList<>();
        String reason = "-";

        void onDeath(SimulatedTransfer t) {
            deathAfterHeard.add((t.clientEndedNanos() - t.lastHeardNanos()) / 1e9);
            CloseReason r = t.clientCloseReason();
            reason = r == null ? "?" : r.kind() + ": " + r.message();
        }

        String survivedText() {
            return survived + "/" + seeds + " (" + Cell.percent(survived / (double) seeds) + ")";
        }
    }

    private static final class BurstRow {
        int survived;
        int intact;
        long maxProbeTimeouts;
        final List<Double> transferSeconds = new ArrayList<>();
        final List<Double> longestSilences = new ArrayList<>();
    }

    private static String seconds(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        return String.format(Locale.ROOT, "%.3f (%.3f)", Stats.median(v), Stats.max(v));
    }

    private static String range(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        return String.format(Locale.ROOT, "%.3f-%.3f s", Stats.min(v), Stats.max(v));
    }

    private static double max(List<Double> values) {
        return Stats.max(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
