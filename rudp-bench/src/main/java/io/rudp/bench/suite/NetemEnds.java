package io.rudp.bench.suite;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.ConnectionStats;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two ends of the {@code netem} section's transfers as they run in the child processes: a bulk
 * receiver and sender, and an echo server for ping-pong, for rudp (default settings) and TCP
 * ({@code java.net.Socket}). Each end returns its figures as {@code key -> value} (times are
 * {@link System#nanoTime()}, which is CLOCK_MONOTONIC on Linux and so comparable between the two
 * namespaces' processes on one kernel).
 */
final class NetemEnds {

    /** Bytes per write and per read of a bulk transfer. */
    static final int CHUNK_BYTES = 64 * 1024;
    /** The longest either end waits for the other (accept, one read). */
    static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

    /** The transports the section compares. */
    enum Transport {
        RUDP, TCP;

        static Transport parse(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Where a server listens, once it does. */
    interface Ready {
        void listening(int port);
    }

    private NetemEnds() {
    }

    /**
     * Accepts one connection and reads it to its end, noting when the first byte, the byte at
     * {@code halfBytes} and the last byte arrived.
     */
    static Map<String, Long> bulkReceiver(Transport t, InetAddress bind, long halfBytes, Ready ready) throws IOException {
        byte[] buf = new byte[CHUNK_BYTES];
        Reading reading = new Reading(halfBytes);
        if (t == Transport.RUDP) {
            try (ReliableServer server = new ReliableServer(new InetSocketAddress(bind, 0), RudpConfig.defaults())) {
                server.listen();
                ready.listening(server.localAddress().getPort());
                try (ClientConnection c = server.accept(IO_TIMEOUT)) {
                    c.setReadTimeout(IO_TIMEOUT);
                    int n;
                    while ((n = c.receive(buf, 0, buf.length)) >= 0) {
                        reading.add(n);
                    }
                }
            }
        } else {
            try (ServerSocket server = new ServerSocket(0, 1, bind)) {
                server.setSoTimeout((int) IO_TIMEOUT.toMillis());
                ready.listening(server.getLocalPort());
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    s.setSoTimeout((int) IO_TIMEOUT.toMillis());
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        reading.add(n);
                    }
                }
            }
        }
        return reading.figures();
    }

    /** The receiver's clock marks. */
    private static final class Reading {
        private final long halfBytes;
        private long bytes;
        private long firstNanos;
        private long halfNanos;
        private long bytesAtHalf;
        private long lastNanos;

        Reading(long halfBytes) {
            this.halfBytes = halfBytes;
        }

        void add(int n) {
            long now = System.nanoTime();
            if (n == 0) {
                return;
            }
            if (bytes == 0) {
                firstNanos = now;
            }
            bytes += n;
            if (halfNanos == 0 && bytes >= halfBytes) {
                halfNanos = now;
                bytesAtHalf = bytes;
            }
            lastNanos = now;
        }

        Map<String, Long> figures() {
            Map<String, Long> out = new LinkedHashMap<>();
            out.put("bytes", bytes);
            out.put("firstByteNanos", firstNanos);
            out.put("halfNanos", halfNanos);
            out.put("bytesAtHalf", bytesAtHalf);
            out.put("lastByteNanos", lastNanos);
            return out;
        }
    }

    /**
     * Connects to {@code server}, writes {@code bytes}, ends its output and waits for the
     * receiver's end of stream (so that everything arrived before the process exits).
     */
    static Map<String, Long> bulkSender(Transport t, InetSocketAddress server, long bytes) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        Map<String, Long> out = new LinkedHashMap<>();
        long connectStart = System.nanoTime();
        if (t == Transport.RUDP) {
            try (ReliableSocket socket = new ReliableSocket(server, RudpConfig.defaults())) {
                socket.connect(IO_TIMEOUT);
                socket.setReadTimeout(IO_TIMEOUT);
                long firstWrite = System.nanoTime();
                for (long sent = 0; sent < bytes; sent += CHUNK_BYTES) {
                    socket.send(chunk, 0, (int) Math.min(CHUNK_BYTES, bytes - sent));
                }
                socket.shutdownOutput();
                awaitEnd(socket.receive(chunk, 0, chunk.length));
                ConnectionStats stats = socket.stats();
                times(out, connectStart, firstWrite);
                out.put("packetsSent", stats.packetsSent());
                out.put("datagramBytesSent", stats.bytesSent());
                out.put("retransmittedPackets", stats.retransmittedPackets());
                out.put("probeTimeouts", stats.probeTimeouts());
                out.put("minRttNanos", stats.minRttNanos());
            }
        } else {
            try (Socket s = new Socket()) {
                s.connect(server, (int) IO_TIMEOUT.toMillis());
                s.setSoTimeout((int) IO_TIMEOUT.toMillis());
                long firstWrite = System.nanoTime();
                OutputStream o = s.getOutputStream();
                for (long sent = 0; sent < bytes; sent += CHUNK_BYTES) {
                    o.write(chunk, 0, (int) Math.min(CHUNK_BYTES, bytes - sent));
                }
                s.shutdownOutput();
                awaitEnd(s.getInputStream().read());
                times(out, connectStart, firstWrite);
            }
        }
        return out;
    }

    private static void times(Map<String, Long> out, long connectStart, long firstWrite) {
        out.put("connectStartNanos", connectStart);
        out.put("firstWriteNanos", firstWrite);
        out.put("endNanos", System.nanoTime());
    }

    private static void awaitEnd(int read) throws IOException {
        if (read >= 0) {
            throw new IOException("the receiver sent data instead of ending its stream");
        }
    }

    /**
     * Accepts one connection and echoes every {@link PingPong#MESSAGE_BYTES}-byte message until the
     * client ends its stream; each wait is bounded by {@link #IO_TIMEOUT}.
     */
    static Map<String, Long> echoServer(Transport t, InetAddress bind, Ready ready) throws IOException {
        byte[] message = new byte[PingPong.MESSAGE_BYTES];
        long echoed = 0;
        if (t == Transport.RUDP) {
            try (ReliableServer server = new ReliableServer(new InetSocketAddress(bind, 0), RudpConfig.defaults())) {
                server.listen();
                ready.listening(server.localAddress().getPort());
                try (ClientConnection c = server.accept(IO_TIMEOUT)) {
                    c.setReadTimeout(IO_TIMEOUT);
                    while (MessageReads.readFully(c.getInputStream()::read, message)) {
                        c.send(message, 0, message.length);
                        echoed++;
                    }
                }
            }
        } else {
            try (ServerSocket server = new ServerSocket(0, 1, bind)) {
                server.setSoTimeout((int) IO_TIMEOUT.toMillis());
                ready.listening(server.getLocalPort());
                try (Socket s = server.accept()) {
                    s.setSoTimeout((int) IO_TIMEOUT.toMillis());
                    s.setTcpNoDelay(true);
                    InputStream in = s.getInputStream();
                    OutputStream o = s.getOutputStream();
                    while (MessageReads.readFully(in::read, message)) {
                        o.write(message);
                        echoed++;
                    }
                }
            }
        }
        return Map.of("echoed", echoed);
    }

}
