package io.rudp.cli.plot;

import java.io.IOException;

/** A trace file that is not what {@code rudp plot} can read; the message names the line. */
public final class TraceFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public TraceFormatException(String message) {
        super(message);
    }
}
