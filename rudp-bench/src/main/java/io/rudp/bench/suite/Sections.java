package io.rudp.bench.suite;

import io.rudp.core.CongestionControl;
import java.time.Duration;
import java.util.List;

/** The names of every section {@code rudp bench} knows, in the order it runs them. */
public final class Sections {

    /** Every section name, in run order. */
    public static final List<String> NAMES = List.of(LoopbackSection.NAME, LatencySection.NAME, LinkSection.NAME,
            FairnessSection.NAME, HandshakeSection.NAME, OutageSection.NAME, ReorderSection.NAME, IdleSection.NAME,
            ClientsSection.NAME, NetemSection.NAME);

    private Sections() {
    }

    /**
     * The section called {@code name}, built from the command's sizes.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    public static Section create(String name, SectionSizes sizes) {
        return switch (name) {
            case LoopbackSection.NAME -> new LoopbackSection(sizes.loopbackBytes(), sizes.parallelConnections());
            case LatencySection.NAME -> new LatencySection(sizes.latencySamples(), sizes.latencyWarmUp(),
                    sizes.latencyWanSamples(), sizes.seed());
            case LinkSection.NAME -> new LinkSection(sizes.linkRttsMillis(), sizes.linkLossRates(),
                    sizes.linkControllers(), sizes.linkRun(), sizes.seed());
            case FairnessSection.NAME -> new FairnessSection(sizes.fairnessRttsMillis(), sizes.fairnessLossRates(),
                    sizes.fairnessRun(), sizes.seed());
            case HandshakeSection.NAME -> new HandshakeSection(sizes.seed());
            case OutageSection.NAME -> new OutageSection(sizes.outageSeeds(), sizes.seed());
            case ReorderSection.NAME -> new ReorderSection(sizes.seed());
            case IdleSection.NAME -> IdleSection.create(sizes.quick(), sizes.seed());
            case ClientsSection.NAME -> new ClientsSection(sizes.clientConnections(), sizes.clientPlainSockets(),
                    sizes.clientsIdle());
            case NetemSection.NAME -> new NetemSection(sizes.netem());
            default -> throw new IllegalArgumentException("unknown section '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /**
     * The sizes the sections run with.
     *
     * @param loopbackBytes payload per loopback run
     * @param parallelConnections connections in the parallel loopback scenarios
     * @param latencySamples recorded round trips per loopback latency run
     * @param latencyWarmUp unrecorded round trips before them
     * @param latencyWanSamples recorded round trips per run at 20 ms RTT
     * @param linkRttsMillis the round-trip times of the link section
     * @param linkLossRates the loss rates (fractions) of the link section
     * @param linkControllers the congestion controllers of the link section
     * @param linkRun how long each link run sends
     * @param fairnessRttsMillis the round-trip times of the fairness section
     * @param fairnessLossRates the loss rates (fractions) of the fairness section
     * @param fairnessRun how long both flows of a fairness run send
     * @param outageSeeds seeded simulator runs per scenario of the outage section
     * @param seed the seed of every impairment proxy, and the first seed of the outage section
     * @param netem what the netem section runs (links, sizes, bounds, the emulator's folder)
     * @param quick smoke sizes (sections sized by this flag alone, such as {@code idle})
     * @param clientConnections connections over one {@code RudpClient} in the clients section
     * @param clientPlainSockets plain {@code ReliableSocket}s beside them (0: none)
     * @param clientsIdle how long the clients section measures idle CPU
     */
    public record SectionSizes(long loopbackBytes, int parallelConnections, int latencySamples, int latencyWarmUp,
            int latencyWanSamples, int[] linkRttsMillis, double[] linkLossRates, List<CongestionControl> linkControllers,
            Duration linkRun, int[] fairnessRttsMillis, double[] fairnessLossRates, Duration fairnessRun, int outageSeeds,
            long seed, NetemPlan netem, boolean quick, int clientConnections, int clientPlainSockets, Duration clientsIdle) {
    }
}
