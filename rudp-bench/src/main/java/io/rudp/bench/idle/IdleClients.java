package io.rudp.bench.idle;

import io.rudp.ReliableSocket;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client side of {@link RealServerIdle}, run in a child JVM so that the server's heap and CPU
 * time hold the server alone: opens {@code n} {@link ReliableSocket}s to the server, prints
 * {@code ready <retained heap bytes per socket>}, holds them idle until its standard input closes,
 * then closes them and exits. Each socket has its own UDP socket and driver thread today, so the
 * heap figure is that of a whole client socket, not only of its connection.
 *
 * <p>It opens {@code warm} sockets first, prints {@code warm} and waits for a line on its input
 * before opening the rest, so that both sides can take their "before" heap with the one-time
 * costs (classes' caches, the first handshakes) already paid.
 *
 * <pre>java -cp rudp-bench.jar io.rudp.bench.idle.IdleClients HOST PORT N WARM KEEPALIVE_MS</pre>
 */
public final class IdleClients {

    private IdleClients() {
    }

    private static void open(InetSocketAddress server, RudpConfig config, int count, List<ReliableSocket> into)
            throws IOException {
        for (int i = 0; i < count; i++) {
            ReliableSocket socket = new ReliableSocket(server, config);
            into.add(socket);
            socket.connect();
        }
    }

    /** Connects, reports, waits, closes. Exit code 1 if a connect fails. */
    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        int warm = Integer.parseInt(args[3]);
        RudpConfig config = RudpConfig.defaults().toBuilder()
                .keepAliveInterval(java.time.Duration.ofMillis(Long.parseLong(args[4]))).build();
        List<ReliableSocket> sockets = new ArrayList<>(n);
        InputStream in = System.in;
        try {
            open(server, config, warm, sockets);
            long before = SimIdle.retainedHeapBytes();
            System.out.println("warm");
            System.out.flush();
            while (in.read() != '\n') {
                // the parent took its measurement
            }
            open(server, config, n - warm, sockets);
            long with = SimIdle.retainedHeapBytes();
            System.out.println(String.format(Locale.ROOT, "ready %.0f", (double) (with - before) / (n - warm)));
            System.out.flush();
            while (in.read() >= 0) {
                // hold the connections until the parent closes our input
            }
        } catch (IOException e) {
            System.out.println("failed " + e.getMessage());
            System.out.flush();
            System.exit(1);
        } finally {
            for (ReliableSocket s : sockets) {
                try {
                    s.abort("benchmark over");
                } catch (IOException | RuntimeException ignored) {
                    // closing anyway
                }
                try {
                    s.close();
                } catch (IOException | RuntimeException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
