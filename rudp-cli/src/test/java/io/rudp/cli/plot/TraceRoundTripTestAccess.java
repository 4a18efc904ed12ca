package io.rudp.cli.plot;

import io.rudp.TraceFiles;
import java.nio.file.Path;

/** Lets command tests in {@code io.rudp.cli} write the synthetic trace of {@link TraceRoundTripTest}. */
public final class TraceRoundTripTestAccess {

    private TraceRoundTripTestAccess() {
    }

    /** See {@link TraceRoundTripTest#writeTrace}. */
    public static Path writeTrace(TraceFiles traces, long connectionId, int packets) {
        return TraceRoundTripTest.writeTrace(traces, connectionId, packets);
    }
}
