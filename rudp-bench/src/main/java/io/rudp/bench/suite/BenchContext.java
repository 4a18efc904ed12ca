package io.rudp.bench.suite;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What every section gets from the command.
 *
 * @param reps repetitions of each scenario (medians are reported)
 * @param quick whether this is a smoke run (small sizes)
 * @param outDir where charts go (results.md is written there by the command)
 * @param progress where progress lines go
 */
public record BenchContext(int reps, boolean quick, Path outDir, PrintWriter progress) {

    /** Checks the arguments. */
    public BenchContext {
        if (reps < 1) {
            throw new IllegalArgumentException("reps must be at least 1, got " + reps);
        }
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(progress, "progress");
    }

    /** Prints one progress line ({@link String#format} with {@link Locale#ROOT}) and flushes. */
    public void progress(String format, Object... args) {
        progress.println(String.format(Locale.ROOT, format, args));
        progress.flush();
    }
}
