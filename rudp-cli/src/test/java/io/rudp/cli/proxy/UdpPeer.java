package io.rudp.cli.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;

/** A test endpoint: a non-blocking DatagramChannel on 127.0.0.1 with bounded waits. */
public final class UdpPeer implements AutoCloseable {

    /** A received datagram and its source. */
    public record Datagram(InetSocketAddress from, byte[] bytes) { }

    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(65_536);

    /** A peer on 127.0.0.1. */
    public UdpPeer() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /** A peer on {@code address} (a loopback address), on a free port. */
    public UdpPeer(InetAddress address) throws IOException {
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        channel.bind(new InetSocketAddress(address, 0));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    public void send(InetSocketAddress to, byte[] bytes) throws IOException {
        int n = channel.send(ByteBuffer.wrap(bytes), to);
        if (n != bytes.length) {
            throw new IOException("the socket buffer was full");
        }
    }

    /** The next datagram, or null if none arrives within {@code timeout}. */
    public Datagram receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
            if (from != null) {
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return new Datagram(from, bytes);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
