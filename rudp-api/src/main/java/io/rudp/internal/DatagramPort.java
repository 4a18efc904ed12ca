package io.rudp.internal;

import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * A driver's UDP socket and the datagrams it moves between the socket and the {@link Endpoint}:
 * every waiting datagram in, what the engine wants to send out, and the one datagram a full
 * socket buffer refused, kept until the socket is writable again. Not thread-safe: callers hold
 * the driver's engine lock.
 */
final class DatagramPort {

    /** Datagrams read (or sent) per call at most, so one busy direction cannot starve the other. */
    static final int MAX_DATAGRAMS_PER_TURN = 1024;
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private final DatagramChannel channel;
    private final Endpoint endpoint;
    private final SelectionKey key;
    /** The channel is connected to the one peer every datagram goes to (a client socket). */
    private final boolean connected;
    private final ByteBuffer receiveBuffer;
    private final ByteBuffer sendBuffer;
    /** Where the datagram left in {@link #sendBuffer} goes once the socket is writable, or null. */
    private InetSocketAddress blockedSendTarget;

    /**
     * @param channel an open, bound, non-blocking channel (see {@link #open})
     * @param endpoint the engine its datagrams go to and come from
     * @param selector the driver's selector, which this registers the channel with
     */
    DatagramPort(DatagramChannel channel, Endpoint endpoint, Selector selector) throws IOException {
        this.channel = channel;
        this.endpoint = endpoint;
        this.connected = channel.isConnected();
        this.key = channel.register(selector, SelectionKey.OP_READ);
        // Direct buffers: the socket reads and writes them in place (a heap buffer makes the JDK
        // copy through a temporary direct one on every call); the engine takes either kind
        // without allocating.
        this.receiveBuffer = ByteBuffer.allocateDirect(EngineConfig.MAX_DATAGRAM_BYTES + 1);
        this.sendBuffer = ByteBuffer.allocateDirect(EngineConfig.MAX_DATAGRAM_BYTES);
    }

    /**
     * Opens a non-blocking UDP channel of the family the addresses need, asks for 4 MiB socket
     * buffers each way, binds it and, for a client, connects it to its server (so it talks only to
     * it and learns of an ICMP "port unreachable" at once).
     *
     * @param connectTo the server, or {@code null} for a server's socket
     */
    static DatagramChannel open(InetSocketAddress bind, InetSocketAddress connectTo) throws IOException {
        DatagramChannel channel = bind.getAddress() != null && bind.getAddress().getAddress().length == 16
                || connectTo != null && connectTo.getAddress().getAddress().length == 16
                ? DatagramChannel.open(StandardProtocolFamily.INET6)
                : DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.configureBlocking(false);
            trySetBuffer(channel, StandardSocketOptions.SO_RCVBUF);
            trySetBuffer(channel, StandardSocketOptions.SO_SNDBUF);
            channel.bind(bind);
            if (connectTo != null) {
                channel.connect(connectTo);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void trySetBuffer(DatagramChannel channel, SocketOption<Integer> option) {
        try {
            channel.setOption(option, SOCKET_BUFFER_BYTES); // the kernel caps it at its own maximum
        } catch (IOException | UnsupportedOperationException ignored) {
            // a smaller buffer only costs throughput
        }
    }

    /** Hands every waiting datagram (up to {@link #MAX_DATAGRAMS_PER_TURN}) to the engine. */
    void receiveAll(long nowNanos) {
        for (int i = 0; i < MAX_DATAGRAMS_PER_TURN; i++) {
            receiveBuffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(receiveBuffer);
            } catch (PortUnreachableException e) {
                onPortUnreachable(nowNanos);
                continue;
            } catch (IOException e) {
                continue; // a transient receive error is a lost datagram
            }
            if (from == null) {
                return;
            }
            receiveBuffer.flip();
            if (receiveBuffer.remaining() > EngineConfig.MAX_DATAGRAM_BYTES) {
                continue; // cannot be ours
            }
            // Each datagram is stamped when it was read, not when the turn began: a turn whose
            // thread was descheduled would otherwise date an ACK too early and yield an RTT
            // sample below the path's (a too-small minimum RTT halves BBR's window).
            endpoint.handleDatagram(System.nanoTime(), (InetSocketAddress) from, receiveBuffer);
        }
    }

    /** Sends everything the engine wants to send now, or until the socket buffer is full. */
    void transmitAll(long nowNanos) {
        transmitSome(nowNanos, Integer.MAX_VALUE);
    }

    /**
     * Sends up to {@code maxDatagrams} of what the engine wants to send. Returns true if it
     * stopped at that count (the engine may want to send more).
     */
    boolean transmitSome(long nowNanos, int maxDatagrams) {
        if (blockedSendTarget != null) {
            if (!send(blockedSendTarget, nowNanos)) {
                return false;
            }
            blockedSendTarget = null;
        }
        for (int sent = 0; ; sent++) {
            if (sent == maxDatagrams) {
                return true;
            }
            sendBuffer.clear();
            InetSocketAddress to = endpoint.pollTransmit(nowNanos, sendBuffer);
            if (to == null) {
                break;
            }
            if (!send(to, nowNanos)) {
                blockedSendTarget = to; // the socket buffer is full: wait for OP_WRITE
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return false;
            }
        }
        if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(SelectionKey.OP_READ);
        }
        return false;
    }

    /** Whether a datagram waits for the socket to become writable. */
    boolean isBlocked() {
        return blockedSendTarget != null;
    }

    /** Closes the socket (idempotent; errors are ignored: nothing is left to do with it). */
    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    /** Returns false if the socket buffer is full (the datagram stays in sendBuffer). */
    private boolean send(InetSocketAddress to, long nowNanos) {
        try {
            int position = sendBuffer.position();
            // A client's socket is connected to its one peer: write() skips send()'s per-call
            // address check and conversion.
            int n = connected ? channel.write(sendBuffer) : channel.send(sendBuffer, to);
            if (n == 0) {
                sendBuffer.position(position);
                return false;
            }
        } catch (PortUnreachableException e) {
            onPortUnreachable(nowNanos);
        } catch (IOException e) {
            // Unroutable or refused by the local stack: the datagram is lost; recovery copes.
        }
        return true;
    }

    private void onPortUnreachable(long nowNanos) {
        SocketAddress remote;
        try {
            remote = channel.getRemoteAddress();
        } catch (IOException e) {
            return;
        }
        if (remote instanceof InetSocketAddress) {
            endpoint.handlePortUnreachable(nowNanos, (InetSocketAddress) remote);
        }
    }
}
