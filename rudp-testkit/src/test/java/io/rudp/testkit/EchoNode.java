package io.rudp.testkit;

import java.net.InetSocketAddress;

/** Sends every datagram it receives straight back to its sender. */
class EchoNode extends TestNode {

    EchoNode() {
        super("echo");
    }

    @Override
    void onDatagram(long nowNanos, InetSocketAddress from, byte[] data) {
        send(from, data);
    }
}
