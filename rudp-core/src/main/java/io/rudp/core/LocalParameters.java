package io.rudp.core;

import io.rudp.core.wire.TransportParameters;
import java.net.InetSocketAddress;

/** The transport parameters this side announces in its handshake (docs/PROTOCOL.md §1). */
final class LocalParameters {

    private LocalParameters() {
    }

    /** What this side announces to {@code peer} (its datagram ceiling depends on the peer). */
    static TransportParameters of(EngineConfig config, InetSocketAddress peer) {
        return new TransportParameters(config.maxDatagramBytesFor(peer), config.receiveBufferBytes(),
                config.ackDelay().toNanos() / 1_000, config.idleTimeout().toMillis());
    }
}
