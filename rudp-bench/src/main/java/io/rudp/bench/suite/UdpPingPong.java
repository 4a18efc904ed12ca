package io.rudp.bench.suite;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ExecutorService;

/**
 * Ping-pong over raw UDP, the floor: a blocking {@link DatagramChannel} echo and a client that
 * sends a 64-byte datagram numbered in its first 8 bytes and waits for the echo of that number.
 * Should a datagram be lost, the client sends the same number again after a second and the round
 * trip counts from the first send.
 */
final class UdpPingPong implements PingPong {

    private static final int RESEND_AFTER_MILLIS = 1_000;
    private static final int MAX_SENDS = 30;

    @Override
    public EchoServer startServer() throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        ExecutorService pool = BenchThreads.pool("udp-echo");
        try {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = (InetSocketAddress) channel.getLocalAddress();
            pool.submit(() -> echo(channel));
            return new EchoServer() {
                @Override
                public InetSocketAddress address() {
                    return address;
                }

                @Override
                public void close() throws IOException {
                    channel.close(); // ends the echo's receive
                    BenchThreads.shutdown(pool);
                }
            };
        } catch (IOException | RuntimeException e) {
            channel.close();
            BenchThreads.shutdown(pool);
            throw e;
        }
    }

    private static Void echo(DatagramChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        try {
            while (true) {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                buf.flip();
                channel.send(buf, from);
            }
        } catch (ClosedChannelException e) {
            return null; // closed by close(): the normal end
        }
    }

    @Override
    public Client connect(InetSocketAddress server) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.connect(server);
            channel.socket().setSoTimeout(RESEND_AFTER_MILLIS);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE_BYTES);
        DatagramPacket echo = new DatagramPacket(new byte[2048], 2048);
        return new Client() {
            private long sequence;
            private long resent;

            @Override
            public long resends() {
                return resent;
            }

            @Override
            public long roundTripNanos() throws IOException {
                long number = ++sequence;
                long start = System.nanoTime();
                for (int sends = 1; sends <= MAX_SENDS; sends++) {
                    if (sends > 1) {
                        resent++;
                    }
                    message.clear();
                    message.putLong(0, number);
                    channel.write(message);
                    try {
                        while (true) {
                            echo.setLength(2048);
                            channel.socket().receive(echo);
                            if (echo.getLength() == MESSAGE_BYTES
                                    && ByteBuffer.wrap(echo.getData(), 0, 8).getLong() == number) {
                                return System.nanoTime() - start;
                            }
                            // an echo of an earlier, resent number: keep waiting
                        }
                    } catch (SocketTimeoutException e) {
                        // lost one way or the other: send the same number again
                    }
                }
                throw new SocketTimeoutException("no UDP echo after " + MAX_SENDS + " sends, "
                        + RESEND_AFTER_MILLIS + " ms apart");
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
