package io.rudp.core.congestion;

/** The window sizes RFC 9002 §7.2 fixes for every controller, from the maximum datagram size. */
final class Windows {

    /** RFC 9002 §7.2: the initial window is capped at 14,720 bytes unless two datagrams exceed it. */
    private static final long INITIAL_WINDOW_CAP_BYTES = 14_720;

    private Windows() {
    }

    /** RFC 9002 §7.2: kMinimumWindow = 2 * max_datagram_size. */
    static long minimumWindowBytes(int maxDatagramBytes) {
        return 2L * maxDatagramBytes;
    }

    /** RFC 9002 §7.2: kInitialWindow = min(10 * max_datagram_size, max(14,720, 2 * max_datagram_size)). */
    static long initialWindowBytes(int maxDatagramBytes) {
        return Math.min(10L * maxDatagramBytes, Math.max(INITIAL_WINDOW_CAP_BYTES, minimumWindowBytes(maxDatagramBytes)));
    }
}
