package io.rudp.bench.suite;

import io.rudp.bench.report.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The repetitions of one transport on one link in the {@code netem} section: the bulk transfers
 * and ping-pong runs that completed, and the failures (a run that died or timed out), with the
 * reason of each.
 */
final class NetemScenario {

    /** A column of the comparison: a transport and, for TCP, the congestion controller of the namespaces. */
    record Column(String label, NetemEnds.Transport transport, String tcpController) {
        static Column rudp() {
            return new Column("rudp", NetemEnds.Transport.RUDP, null);
        }

        static Column tcp(String controller) {
            return new Column("TCP-" + controller.toUpperCase(java.util.Locale.ROOT), NetemEnds.Transport.TCP, controller);
        }
    }

    private final NetemLink link;
    private final Column column;
    private final List<NetemRunner.Bulk> bulks = new ArrayList<>();
    private final List<Long> bulkQueueDrops = new ArrayList<>();
    private final List<NetemRunner.Ping> pings = new ArrayList<>();
    private final List<String> bulkFailures = new ArrayList<>();
    private final List<String> pingFailures = new ArrayList<>();
    private double worstLateFraction;

    NetemScenario(NetemLink link, Column column) {
        this.link = link;
        this.column = column;
    }

    NetemLink link() {
        return link;
    }

    Column column() {
        return column;
    }

    /** A completed bulk run, and the packets linkem's bottleneck queue dropped in its data direction. */
    void addBulk(NetemRunner.Bulk b, long queueDrops) {
        bulks.add(b);
        bulkQueueDrops.add(queueDrops);
    }

    /** "median (min-max)" of the bulk runs' queue drops, or "-" when no run completed. */
    String queueDropsCell() {
        return bulkQueueDrops.isEmpty() ? "-"
                : Cell.medianRange(bulkQueueDrops.stream().mapToDouble(Long::doubleValue).toArray(), 0);
    }

    void addPing(NetemRunner.Ping p) {
        pings.add(p);
    }

    void bulkFailed(String reason) {
        bulkFailures.add(reason);
    }

    void pingFailed(String reason) {
        pingFailures.add(reason);
    }

    /** Notes the share of packets linkem wrote more than 1 ms late in one run (the worst is kept). */
    void emulatorLate(double fraction) {
        worstLateFraction = Math.max(worstLateFraction, fraction);
    }

    double worstLateFraction() {
        return worstLateFraction;
    }

    List<String> failures() {
        List<String> all = new ArrayList<>();
        bulkFailures.forEach(f -> all.add("bulk: " + f));
        pingFailures.forEach(f -> all.add("ping-pong: " + f));
        return all;
    }

    /** "failed of run", e.g. "1 of 5", for bulk and ping-pong together. */
    String failedText() {
        int failed = bulkFailures.size() + pingFailures.size();
        int runs = failed + bulks.size() + pings.size();
        return failed + " of " + runs;
    }

    /** The median of a bulk figure over the completed runs, or NaN when none completed. */
    double bulkMedian(ToDoubleFunction<NetemRunner.Bulk> figure) {
        return bulks.isEmpty() ? Double.NaN : Stats.median(bulkValues(figure));
    }

    /** The median of a ping-pong figure over the completed runs, or NaN when none completed. */
    double pingMedian(ToDoubleFunction<NetemRunner.Ping> figure) {
        return pings.isEmpty() ? Double.NaN : Stats.median(pingValues(figure));
    }

    /** "median (min-max)" of a bulk figure, or "-" when no run completed. */
    String bulkCell(ToDoubleFunction<NetemRunner.Bulk> figure, int decimals) {
        return bulks.isEmpty() ? "-" : Cell.medianRange(bulkValues(figure), decimals);
    }

    /** "median (min-max)" of a ping-pong figure, or "-" when no run completed. */
    String pingCell(ToDoubleFunction<NetemRunner.Ping> figure, int decimals) {
        return pings.isEmpty() ? "-" : Cell.medianRange(pingValues(figure), decimals);
    }

    private double[] bulkValues(ToDoubleFunction<NetemRunner.Bulk> figure) {
        return bulks.stream().mapToDouble(figure).toArray();
    }

    private double[] pingValues(ToDoubleFunction<NetemRunner.Ping> figure) {
        return pings.stream().mapToDouble(figure).toArray();
    }

    /** Whether any bulk run reported rudp's own counters. */
    boolean hasRudpCounters() {
        return bulks.stream().anyMatch(b -> b.retransmittedPackets() >= 0);
    }
}
