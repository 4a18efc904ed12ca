package io.rudp.core.wire;

import java.util.Objects;

/**
 * A CLOSE frame (type 0x08, PROTOCOL.md §2): the sender closes the connection.
 *
 * <p>The reason is kept as given; on the wire it is UTF-8 cut to at most 255 bytes on a
 * code-point boundary (an unpaired surrogate is sent as {@code '?'}), so a decoded frame may
 * carry a shorter reason than the one encoded.
 *
 * @param errorCode why the connection closes
 * @param reason a human-readable explanation, never {@code null} (may be empty)
 */
public record CloseFrame(ErrorCode errorCode, String reason) implements Frame {

    /**
     * Validates the components.
     *
     * @param errorCode why the connection closes
     * @param reason a human-readable explanation, never {@code null} (may be empty)
     * @throws NullPointerException if either component is {@code null}
     */
    public CloseFrame {
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(reason, "reason");
    }

    /** How many bytes of UTF-8 the reason takes on the wire after the 255-byte cut: 0..255. */
    int reasonWireBytes() {
        return Utf8.cutLength(reason, Utf8.MAX_REASON_BYTES);
    }

    /** {@inheritDoc} Accounts for the cut of the reason to 255 bytes. */
    @Override
    public int encodedLength() {
        int reasonBytes = reasonWireBytes();
        return 1 + Varint.encodedLength(errorCode.code()) + Varint.encodedLength(reasonBytes)
                + reasonBytes;
    }

    /** {@inheritDoc} CLOSE is not ack-eliciting. */
    @Override
    public boolean ackEliciting() {
        return false;
    }
}
