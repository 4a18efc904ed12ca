package io.rudp.bench.clients;

import io.rudp.ClientConnection;
import io.rudp.ConnectionClosedException;
import io.rudp.ReliableServer;
import io.rudp.RudpConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server side of the {@code clients} section, in a child JVM so that each side's heap,
 * threads, descriptors and RSS are its own: a {@link ReliableServer} on 127.0.0.1 that accepts
 * every client and keeps the connection. Commands on stdin, one answer line each on stdout:
 * {@code snapshot} ({@link ProcessSnapshot}), {@code cpu} (CPU nanoseconds and GC milliseconds so far),
 * {@code await N} (waits, at most 120 s, until N clients were accepted; answers the count),
 * {@code quit}.
 */
public final class ServerProcess {

    private ServerProcess() {
    }

    /** {@code args[0]}: the number of connections the benchmark opens ({@link ClientsBenchmark#config}). */
    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(args[0]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        RudpConfig config = ClientsBenchmark.config(connections);
        ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), config);
        server.listen();
        Queue<ClientConnection> accepted = new ConcurrentLinkedQueue<>(); // kept: the connections stay open
        AtomicInteger count = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    ClientConnection c = server.accept();
                    accepted.add(c);
                    count.incrementAndGet();
                }
            } catch (ConnectionClosedException e) {
                // shut down
            } catch (IOException e) {
                System.err.println("accept failed: " + e);
            }
        }, "bench-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        out.println("port " + server.localAddress().getPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "snapshot" -> out.println("snapshot " + ProcessSnapshot.take().encode());
                case "cpu" -> out.println("cpu " + ProcessSnapshot.processCpuNanos() + " " + ProcessSnapshot.gcMillis());
                case "await" -> {
                    int wanted = Integer.parseInt(words[1]);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (count.get() < wanted && System.nanoTime() - deadline < 0) {
                        Thread.sleep(10);
                    }
                    out.println("accepted " + count.get());
                }
                case "quit" -> {
                    server.shutdownNow();
                    out.println("bye");
                    return;
                }
                default -> out.println("error unknown command " + words[0]);
            }
        }
        server.shutdownNow();
    }
}
