package io.rudp.bench.suite;

/**
 * A section whose name {@code --only} recognises but whose scenarios are not in this build.
 *
 * <p>PLACEHOLDER, the only one: the {@code link} section (goodput through the impairment proxy at
 * 100 Mbit/s x RTT x loss x congestion controller) and the {@code fairness} section (two flows
 * sharing the proxy's bottleneck, Jain's index) are written in package {@code io.rudp.bench.link}
 * and replace these instances in {@link Sections#standard} when that package is merged.
 */
public final class UnavailableSection implements Section {

    /** What the command prints and reports for such a section. */
    public static final String MESSAGE = "section not available in this build";

    private final String name;

    /** A placeholder for the section called {@code name}. */
    public UnavailableSection(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SectionResult run(BenchContext context) {
        context.progress("%s: %s", name, MESSAGE);
        return SectionResult.noteOnly(name, name, MESSAGE + ".");
    }
}
