package io.rudp.bench.suite;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A transport for ping-pong: an echo server, and clients that send a message and wait for its
 * echo before sending the next.
 */
interface PingPong {

    /** The size of every message, in bytes. */
    int MESSAGE_BYTES = 64;

    /** Starts an echo server on a free loopback port. */
    EchoServer startServer() throws IOException;

    /** Connects a client to {@code server} (the echo server, or a proxy in front of it). */
    Client connect(InetSocketAddress server) throws IOException;

    /** An echo server; closing it ends its threads and sockets. */
    interface EchoServer extends AutoCloseable {
        /** Where it listens. */
        InetSocketAddress address();

        @Override
        void close() throws IOException;
    }

    /** A connected client. */
    interface Client extends AutoCloseable {
        /** Sends one message and waits for its echo; returns the round-trip time in nanoseconds. */
        long roundTripNanos() throws IOException;

        /** How many messages the client itself had to send again (a transport without its own recovery). */
        default long resends() {
            return 0;
        }

        @Override
        void close() throws IOException;
    }
}
