package io.rudp;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument rules every public method of this package applies before it changes anything, so
 * that a rejected call loses nothing (docs/DESIGN.md, "Argument errors"):
 *
 * <ul>
 *   <li>a {@code null} argument: {@link NullPointerException} naming the parameter;
 *   <li>a timeout: negative is an {@link IllegalArgumentException}; zero means no limit of the
 *       call's own (as {@code java.net.Socket}'s timeouts); one longer than a {@code long} of
 *       nanoseconds holds (about 292 years) also means no limit;
 *   <li>an array range: {@link IndexOutOfBoundsException} naming {@code off}, {@code len} and the
 *       array's length (the type {@link java.io.InputStream} and {@link java.io.OutputStream}
 *       contracts require);
 *   <li>a value above a protocol or configured limit: {@link IllegalArgumentException} naming the
 *       limit.
 * </ul>
 */
final class ArgumentChecks {

    /** The longest duration a {@code long} of nanoseconds holds (about 292 years). */
    private static final Duration LONGEST_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    private ArgumentChecks() {
    }

    /**
     * The timeout in nanoseconds: 0 for no limit (zero, or too long to count in nanoseconds).
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if it is negative
     */
    static long timeoutNanos(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative (zero means no limit), got " + timeout);
        }
        if (timeout.compareTo(LONGEST_NANOS) > 0) {
            return 0; // about 292 years or more: no limit
        }
        return timeout.toNanos();
    }

    /**
     * Checks that {@code [off, off + len)} lies within {@code array}.
     *
     * @throws NullPointerException if {@code array} is null
     * @throws IndexOutOfBoundsException naming off, len and the array's length
     */
    static void checkRange(String arrayName, byte[] array, int off, int len) {
        Objects.requireNonNull(array, arrayName);
        if (off < 0 || len < 0 || len > array.length - off) {
            throw new IndexOutOfBoundsException("off (" + off + ") and len (" + len + ") must lie within "
                    + arrayName + " (length " + array.length + ")");
        }
    }

    /**
     * Checks an abort reason against the protocol's limit: at most
     * {@link CloseReason#MAX_REASON_BYTES} bytes of UTF-8 (docs/PROTOCOL.md §2, CLOSE).
     *
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalArgumentException if it is longer
     */
    static void checkReason(String reason) {
        io.rudp.core.CloseReason.checkReason(reason);
    }

    /** A positive port, 1 to 65,535, for an address this side sends to. */
    static int checkRemotePort(String name, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 1 and 65535, got " + port);
        }
        return port;
    }

    /** A port to bind, 0 (any free port) to 65,535. */
    static int checkLocalPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535 (0 picks a free port), got " + port);
        }
        return port;
    }
}
