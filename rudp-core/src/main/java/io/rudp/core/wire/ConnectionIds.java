package io.rudp.core.wire;

/** Checks on connection id fields (PROTOCOL.md §1: ids are non-zero; 0 only as INITIAL's DCID). */
final class ConnectionIds {

    private ConnectionIds() {
    }

    /** Throws {@link IllegalArgumentException} if {@code id} is 0. */
    static void requireNonZero(long id, String field) {
        if (id == 0) {
            throw new IllegalArgumentException(field + " must be non-zero");
        }
    }
}
