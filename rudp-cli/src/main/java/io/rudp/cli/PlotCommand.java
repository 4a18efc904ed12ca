package io.rudp.cli;

import io.rudp.cli.plot.TraceFormatException;
import io.rudp.cli.plot.TracePlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rudp plot TRACE}: draws a connection trace (from {@code --trace DIR}) as a PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {
            "Draw a connection trace written by `--trace DIR` (send, receive, demo) as one PNG: the congestion window"
                + " and bytes in flight with lost packets marked, and below it on the same time axis the latest,"
                + " smoothed and minimum RTT."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the chart was written",
            "1:the trace could not be read or the image not written",
            "2:bad usage or input: missing TRACE, a malformed line (named), a trace without metrics, bad sizes"})
public final class PlotCommand implements Callable<Integer> {

    private static final int MIN_PIXELS = 200;
    private static final int MAX_PIXELS = 10_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace file, e.g. traces/client-3f2a9c0d11e4b7a5.jsonl.")
    Path trace;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.png",
            description = "Where the image goes (default: TRACE with .png instead of .jsonl).")
    Path output;

    @Option(names = "--width", defaultValue = "1200", paramLabel = "PIXELS",
            description = "Image width, " + MIN_PIXELS + " to " + MAX_PIXELS + " (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "900", paramLabel = "PIXELS",
            description = "Image height of both charts together, " + MIN_PIXELS + " to " + MAX_PIXELS
                    + " (default: ${DEFAULT-VALUE}).")
    int height;

    @Override
    public Integer call() throws IOException {
        checkPixels("--width", width);
        checkPixels("--height", height);
        if (!Files.exists(trace)) {
            throw new RudpCli.UsageException("TRACE " + trace + " does not exist");
        }
        if (!Files.isRegularFile(trace)) {
            throw new RudpCli.UsageException(trace + " is not a regular file; give one trace file (DIR/<role>-<id>.jsonl)");
        }
        if (!Files.isReadable(trace)) {
            throw new AccessDeniedException(trace.toString(), null, "cannot read it (permission denied)");
        }
        Path out = output != null ? output : defaultOutput(trace);
        TracePlot.Summary s;
        try {
            s = TracePlot.render(trace, out, width, height);
        } catch (TraceFormatException e) {
            throw new RudpCli.UsageException(trace + ": " + e.getMessage());
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s: %.2f s, %d packets sent, %d received, %d lost%s%n", out, s.durationSeconds(),
                s.packetsSent(), s.packetsReceived(), s.packetsLost(), s.truncated() ? " (the trace was truncated at its size cap)" : "");
        w.flush();
        return 0;
    }

    /** TRACE with {@code .png} in place of {@code .jsonl} (or added). */
    static Path defaultOutput(Path trace) {
        String name = trace.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return trace.resolveSibling(base + ".png");
    }

    private static void checkPixels(String option, int value) {
        if (value < MIN_PIXELS || value > MAX_PIXELS) {
            throw new RudpCli.UsageException(option + ": must be between " + MIN_PIXELS + " and " + MAX_PIXELS
                    + " pixels, got " + value);
        }
    }
}
