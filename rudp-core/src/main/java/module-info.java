/**
 * The rudp protocol engine: sans-I/O (no clock, thread or socket), driven by whoever moves its
 * datagrams. Most applications use the socket API of module {@code io.rudp} instead; this module
 * is for drivers, simulators and tests.
 */
module io.rudp.core {
    exports io.rudp.core;
    exports io.rudp.core.wire;
    exports io.rudp.core.ack;
    exports io.rudp.core.congestion;
    exports io.rudp.core.loss;
    exports io.rudp.core.path;
    exports io.rudp.core.stream;
    exports io.rudp.core.trace;
    exports io.rudp.core.util;
}
