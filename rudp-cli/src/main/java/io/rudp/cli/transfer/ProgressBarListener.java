package io.rudp.cli.transfer;

import io.rudp.cli.support.Terminals;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Draws a transfer's progress (bytes, rate, ETA) with the progressbar library on a writer,
 * usually the command's stderr. On a terminal the bar redraws in place several times a second;
 * otherwise (redirected output, tests) it prints a plain line at the start, every few seconds
 * and at the end, so logs stay readable. Empty files get no bar.
 */
public final class ProgressBarListener implements TransferListener {

    private static final int TERMINAL_REFRESH_MILLIS = 200;
    private static final int LOG_REFRESH_MILLIS = 5_000;
    private static final int MAX_TASK_NAME = 32;

    private final PrintWriter out;
    private final boolean interactive;
    private final String verb;
    private ProgressBar bar;

    /**
     * @param out where to draw
     * @param interactive redraw in place (a terminal) rather than print lines
     * @param verb the task's first word, e.g. {@code sending} or {@code receiving}
     */
    public ProgressBarListener(PrintWriter out, boolean interactive, String verb) {
        this.out = Objects.requireNonNull(out, "out");
        this.interactive = interactive;
        this.verb = Objects.requireNonNull(verb, "verb");
    }

    /** A listener drawing on {@code out}, in place when this process has a terminal. */
    public static ProgressBarListener forConsole(PrintWriter out, String verb) {
        return new ProgressBarListener(out, Terminals.isInteractive(), verb);
    }

    @Override
    public void started(String fileName, long sizeBytes, InetSocketAddress peer) {
        if (sizeBytes <= 0) {
            return;
        }
        String name = fileName.length() > MAX_TASK_NAME ? fileName.substring(0, MAX_TASK_NAME - 3) + "..." : fileName;
        // The library shows whole units: pick the largest unit that still gives at least 16 of them.
        int shift = sizeBytes >= 16L << 30 ? 30 : sizeBytes >= 16L << 20 ? 20 : sizeBytes >= 16L << 10 ? 10 : 0;
        long unitSize = 1L << shift;
        String unitName = shift == 30 ? "GiB" : shift == 20 ? "MiB" : shift == 10 ? "KiB" : "B";
        bar = new ProgressBarBuilder()
                .setTaskName(verb + " " + name)
                .setInitialMax(sizeBytes)
                .setUnit(" " + unitName, unitSize)
                .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setStyle(interactive ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(interactive ? TERMINAL_REFRESH_MILLIS : LOG_REFRESH_MILLIS)
                .setConsumer(interactive ? new InPlace(out, Terminals.width() - 1) : new Lines(out, 100))
                .build();
    }

    @Override
    public void progressed(long bytesDone) {
        ProgressBar b = bar;
        if (b != null) {
            b.stepTo(bytesDone);
        }
    }

    @Override
    public void finished(boolean completed) {
        ProgressBar b = bar;
        bar = null;
        if (b != null) {
            b.close();
        }
    }

    /** Redraws one line in place with a carriage return; ends it with a newline on close. */
    private static final class InPlace implements ProgressBarConsumer {
        private final PrintWriter out;
        private final int width;

        InPlace(PrintWriter out, int width) {
            this.out = out;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r');
            out.print(rendered);
            out.flush();
        }

        @Override
        public void close() {
            out.println();
            out.flush();
        }
    }

    /** Prints each rendering as its own line, skipping repeats. */
    private static final class Lines implements ProgressBarConsumer {
        private final PrintWriter out;
        private final int width;
        private String last;

        Lines(PrintWriter out, int width) {
            this.out = out;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public synchronized void accept(String rendered) {
            String line = rendered.strip();
            if (!line.equals(last)) {
                last = line;
                out.println(line);
                out.flush();
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
