package io.rudp.bench.idle;

import io.rudp.ReliableSocket;
import io.rudp.core.RudpConfig;
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
 * <pre>java -cp rudp-bench.jar io.rudp.bench.idle.IdleClients HOST PORT N</pre>
 */
public final class IdleClients {

    private IdleClients() {
    }

    /** Connects, reports, waits, closes. Exit code 1 if a connect fails. */
    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        long before = SimIdle.retainedHeapBytes();
        List<ReliableSocket> sockets = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                ReliableSocket socket = new ReliableSocket(server, RudpConfig.defaults());
                sockets.add(socket);
                socket.connect();
            }
            long with = SimIdle.retainedHeapBytes();
            System.out.println(String.format(Locale.ROOT, "ready %.0f", (double) (with - before) / n));
            System.out.flush();
            InputStream in = System.in;
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
