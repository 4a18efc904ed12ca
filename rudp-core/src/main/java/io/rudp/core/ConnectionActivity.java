package io.rudp.core;

/**
 * Where a connection reports that something about it changed (it may have a datagram to send,
 * a new deadline, or have ended): its endpoint's bookkeeping for it. One call per change; the
 * connection does not know who listens.
 */
@FunctionalInterface
interface ConnectionActivity {

    void onActivity();
}
