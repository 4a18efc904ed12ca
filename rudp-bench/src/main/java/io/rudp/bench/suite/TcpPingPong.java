package io.rudp.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Ping-pong over TCP ({@code java.net.Socket} with {@code TCP_NODELAY} on both ends, so that no
 * message waits for Nagle's algorithm): the stream carries 64-byte messages back and forth.
 */
final class TcpPingPong implements PingPong {

    @Override
    public EchoServer startServer() throws IOException {
        ExecutorService pool = BenchThreads.pool("tcp-echo");
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Future<?> echo = pool.submit(() -> NetemEnds.echoServer(NetemEnds.Transport.TCP,
                InetAddress.getLoopbackAddress(), port::complete));
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    port.get(NetemEnds.IO_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            BenchThreads.shutdown(pool);
            throw new IOException("the TCP echo server did not start: " + e, e);
        }
        return new EchoServer() {
            @Override
            public InetSocketAddress address() {
                return address;
            }

            @Override
            public void close() {
                try {
                    echo.get(NetemEnds.IO_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    echo.cancel(true); // the client is gone; the echo has nothing left to do
                } finally {
                    BenchThreads.shutdown(pool);
                }
            }
        };
    }

    @Override
    public Client connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        InputStream in;
        OutputStream out;
        try {
            socket.connect(server, (int) NetemEnds.IO_TIMEOUT.toMillis());
            socket.setSoTimeout((int) NetemEnds.IO_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        byte[] message = new byte[MESSAGE_BYTES];
        byte[] echo = new byte[MESSAGE_BYTES];
        return new Client() {
            @Override
            public long roundTripNanos() throws IOException {
                long start = System.nanoTime();
                out.write(message);
                MessageReads.readEcho(in::read, echo);
                return System.nanoTime() - start;
            }

            @Override
            public void close() throws IOException {
                try {
                    socket.shutdownOutput();
                    while (in.read(echo) >= 0) {
                        // nothing more is expected; drop it
                    }
                } finally {
                    socket.close();
                }
            }
        };
    }
}
