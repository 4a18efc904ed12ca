package io.rudp.bench.suite;

/**
 * One section of {@code rudp bench}: a family of scenarios run with their baselines, reported as
 * tables, target checks and charts.
 */
public interface Section {

    /** The name {@code --only} selects it by, e.g. {@code loopback}. */
    String name();

    /**
     * Runs every scenario {@code context.reps()} times and summarizes them.
     *
     * @throws Exception if a scenario cannot run; the command reports the message and goes on with
     *     the next section
     */
    SectionResult run(BenchContext context) throws Exception;
}
