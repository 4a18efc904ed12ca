package io.rudp.bench.suite;

import java.io.EOFException;
import java.io.IOException;

/**
 * Reading one whole fixed-size message from a byte source that may return fewer bytes than asked
 * (an {@code InputStream}, a rudp connection's {@code receive}): the one loop the ping-pong ends share.
 */
final class MessageReads {

    /** A byte source: reads up to {@code len} bytes into {@code buf} at {@code off}, -1 at the end. */
    @FunctionalInterface
    interface Source {
        int read(byte[] buf, int off, int len) throws IOException;
    }

    private MessageReads() {
    }

    /**
     * Fills {@code buf} from {@code source}.
     *
     * @return {@code true} when {@code buf} is full, {@code false} when the source ended before its
     *     first byte (a clean end between messages)
     * @throws EOFException if the source ended inside a message
     */
    static boolean readFully(Source source, byte[] buf) throws IOException {
        int got = 0;
        while (got < buf.length) {
            int n = source.read(buf, got, buf.length - got);
            if (n < 0) {
                if (got == 0) {
                    return false;
                }
                throw new EOFException("the stream ended inside a message");
            }
            got += n;
        }
        return true;
    }

    /** Fills {@code buf} from {@code source}, which must not end first: an echo that was awaited. */
    static void readEcho(Source source, byte[] buf) throws IOException {
        if (!readFully(source, buf)) {
            throw new EOFException("the echo server ended the stream");
        }
    }
}
