package io.rudp.bench.suite;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Ping-pong over rudp: the stream carries 64-byte messages back and forth. */
final class RudpPingPong implements PingPong {

    /** How long either side waits for a message before it gives up. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final RudpConfig config;

    RudpPingPong(RudpConfig config) {
        this.config = config;
    }

    @Override
    public EchoServer startServer() throws IOException {
        ReliableServer server = new ReliableServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), config);
        ExecutorService pool = BenchThreads.pool("rudp-echo");
        try {
            server.listen();
            Future<?> echo = pool.submit(() -> echo(server));
            return new EchoServer() {
                @Override
                public InetSocketAddress address() {
                    return server.localAddress();
                }

                @Override
                public void close() throws IOException {
                    try {
                        echo.get(READ_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        echo.cancel(true); // the client is gone; the echo has nothing left to do
                    } finally {
                        server.close();
                        BenchThreads.shutdown(pool);
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            server.close();
            BenchThreads.shutdown(pool);
            throw e;
        }
    }

    /** Echoes every message of the first connection until its end. */
    private static Void echo(ReliableServer server) throws IOException {
        try (ClientConnection c = server.accept(READ_TIMEOUT)) {
            c.setReadTimeout(READ_TIMEOUT);
            byte[] message = new byte[MESSAGE_BYTES];
            while (MessageReads.readFully(c::receive, message)) {
                c.send(message, 0, MESSAGE_BYTES);
            }
        }
        return null;
    }


    @Override
    public Client connect(InetSocketAddress server) throws IOException {
        ReliableSocket socket = new ReliableSocket(server, config);
        try {
            socket.connect();
            socket.setReadTimeout(READ_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            socket.abort("connect failed");
            throw e;
        }
        byte[] message = new byte[MESSAGE_BYTES];
        byte[] echo = new byte[MESSAGE_BYTES];
        return new Client() {
            @Override
            public long roundTripNanos() throws IOException {
                long start = System.nanoTime();
                socket.send(message, 0, MESSAGE_BYTES);
                MessageReads.readEcho(socket::receive, echo);
                return System.nanoTime() - start;
            }

            @Override
            public void close() throws IOException {
                try {
                    socket.shutdownOutput();
                    // wait for the server's end of stream, so that both sides close in order
                    while (socket.receive(echo, 0, MESSAGE_BYTES) >= 0) {
                        // nothing more is expected; drop it
                    }
                } finally {
                    socket.close();
                }
            }
        };
    }
}
