package io.rudp.cli.transfer;

import java.io.IOException;

/**
 * A transfer failed for a reason either side states in one sentence: the receiver refused the
 * file, the integrity check failed, a write failed, the peer stopped the transfer. The message is
 * meant for the user as is.
 */
public class TransferException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened and, where it helps, what to do */
    public TransferException(String message) {
        super(message);
    }

    /** @param message what happened; @param cause the underlying failure */
    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
