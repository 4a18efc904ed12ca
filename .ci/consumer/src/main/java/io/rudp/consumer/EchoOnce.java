package io.rudp.consumer;

import io.rudp.*;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What a user's code does first: a server and a client on loopback, one message there and back,
 * with settings and statistics, all from {@code import io.rudp.*}.
 */
public final class EchoOnce {

    private EchoOnce() {
    }

    /** Sends {@code text} to an echo server on loopback and returns what came back. */
    public static String roundTrip(String text) throws Exception {
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        RudpConfig config = RudpConfig.builder().idleTimeout(Duration.ofSeconds(30)).build();
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        try (ReliableServer server = new ReliableServer(loopback, config)) {
            server.listen();
            Future<?> echoed = serverThread.submit(() -> {
                try (RudpConnection c = server.accept()) {
                    byte[] buf = new byte[1024];
                    int n;
                    while ((n = c.receive(buf, 0, buf.length)) >= 0) {
                        c.send(buf, 0, n);
                    }
                }
                return null;
            });
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            ConnectionStats stats;
            try (ReliableSocket socket = new ReliableSocket(server.localAddress(), config)) {
                socket.connect();
                socket.send(text.getBytes(StandardCharsets.UTF_8));
                socket.shutdownOutput();
                byte[] buf = new byte[1024];
                int n;
                while ((n = socket.receive(buf, 0, buf.length)) >= 0) {
                    back.write(buf, 0, n);
                }
                stats = socket.stats();
            }
            if (stats.streamBytesSent() != text.getBytes(StandardCharsets.UTF_8).length) {
                throw new IllegalStateException("stats say " + stats.streamBytesSent() + " bytes were sent");
            }
            echoed.get(30, TimeUnit.SECONDS);
            return back.toString(StandardCharsets.UTF_8);
        } finally {
            serverThread.shutdownNow();
            serverThread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println(roundTrip(args.length > 0 ? args[0] : "hello from a project that depends on rudp"));
    }
}
