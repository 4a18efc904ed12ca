package io.rudp.bench.suite;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The socket's own ceiling: a {@link DatagramChannel} sender that sends datagrams of one size as
 * fast as it can, and a receiver that counts what arrives (whatever the receive buffer overflowed
 * is lost, not retransmitted). Goodput is the bytes received over the time from the first send to
 * the last datagram received. After its payload each sender repeats a 1-byte end marker until its
 * receiver has seen one (loopback keeps a flow's order, so nothing of the payload comes after).
 */
final class UdpBlast implements BulkTransfer {

    /** What the sockets ask the operating system for (it may grant less). */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private static final int END_MARKER_BYTES = 1;
    private static final long END_MARKER_INTERVAL_MILLIS = 1;
    private static final long END_MARKER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int datagramBytes;

    UdpBlast(int datagramBytes) {
        if (datagramBytes <= END_MARKER_BYTES || datagramBytes > 65_507) {
            throw new IllegalArgumentException("datagram size must be in [2, 65507], got " + datagramBytes);
        }
        this.datagramBytes = datagramBytes;
    }

    @Override
    public Delivery run(long totalBytes, int flows) throws Exception {
        ExecutorService pool = BenchThreads.pool("udp-blast");
        List<DatagramChannel> channels = new ArrayList<>();
        try {
            List<DatagramChannel> receivers = new ArrayList<>();
            for (int i = 0; i < flows; i++) {
                DatagramChannel r = open(channels);
                r.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                receivers.add(r);
            }
            long startNanos = System.nanoTime();
            List<Future<long[]>> counts = new ArrayList<>();
            List<Future<Long>> senders = new ArrayList<>();
            for (int i = 0; i < flows; i++) {
                DatagramChannel r = receivers.get(i);
                Future<long[]> count = pool.submit(() -> count(r, startNanos));
                counts.add(count);
                DatagramChannel s = open(channels);
                s.connect(r.getLocalAddress());
                long share = BulkTransfer.share(totalBytes, flows, i);
                senders.add(pool.submit(() -> blast(s, share, count)));
            }
            long sent = 0;
            for (Future<Long> sender : senders) {
                sent += Await.get(sender);
            }
            long received = 0;
            long lastNanos = startNanos;
            for (Future<long[]> count : counts) {
                long[] countAndTime = Await.get(count);
                received += countAndTime[0];
                lastNanos = Math.max(lastNanos, countAndTime[1]);
            }
            return new Delivery(sent, received, Math.max(1, lastNanos - startNanos));
        } finally {
            for (DatagramChannel c : channels) {
                c.close(); // also ends a receiver still blocked in receive
            }
            BenchThreads.shutdown(pool);
        }
    }

    private static DatagramChannel open(List<DatagramChannel> opened) throws IOException {
        DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
        opened.add(c);
        try {
            c.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            c.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        } catch (IOException | UnsupportedOperationException e) {
            // smaller buffers only mean more loss, which the figure then shows
        }
        return c;
    }

    /** Sends the payload, then end markers until the receiver has stopped; returns the bytes sent. */
    private long blast(DatagramChannel channel, long bytes, Future<long[]> receiver) throws Exception {
        ByteBuffer datagram = ByteBuffer.allocateDirect(datagramBytes);
        long sent = 0;
        while (sent < bytes) {
            int size = (int) Math.max(END_MARKER_BYTES + 1, Math.min(datagramBytes, bytes - sent));
            datagram.clear().limit(size);
            channel.write(datagram);
            sent += size;
        }
        ByteBuffer marker = ByteBuffer.allocateDirect(END_MARKER_BYTES);
        long deadline = System.nanoTime() + END_MARKER_TIMEOUT_NANOS;
        while (!receiver.isDone()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("the raw-UDP receiver saw no end marker within 10 s");
            }
            marker.clear();
            channel.write(marker);
            try {
                receiver.get(END_MARKER_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // send another marker: the last one may have found the receive buffer full
            }
        }
        return bytes;
    }

    /** Counts payload bytes until an end marker; returns {count, time of the last payload datagram}. */
    private static long[] count(DatagramChannel channel, long startNanos) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(65_536);
        long total = 0;
        long lastNanos = startNanos;
        while (true) {
            buf.clear();
            channel.receive(buf);
            int n = buf.position();
            if (n == END_MARKER_BYTES) {
                return new long[] {total, lastNanos};
            }
            total += n;
            lastNanos = System.nanoTime();
        }
    }
}
