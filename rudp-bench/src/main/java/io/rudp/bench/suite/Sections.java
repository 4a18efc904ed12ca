package io.rudp.bench.suite;

import java.util.List;

/** The names of every section {@code rudp bench} knows, in the order it runs them. */
public final class Sections {

    /** Every section name, in run order. */
    public static final List<String> NAMES = List.of(LoopbackSection.NAME, LatencySection.NAME, "link", "fairness");

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
            // Written in package io.rudp.bench.link (the proxy goodput matrix and two-flow fairness);
            // until that package is merged these two names print "section not available in this build".
            case "link", "fairness" -> new UnavailableSection(name);
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
     * @param seed the seed of every impairment proxy
     */
    public record SectionSizes(long loopbackBytes, int parallelConnections, int latencySamples, int latencyWarmUp,
            int latencyWanSamples, long seed) {
    }
}
