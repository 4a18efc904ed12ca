package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 100 clients on one server port each exchange 1 MiB both ways, verified end to end by SHA-256. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ManyClientsTest {

    private static final int CLIENTS = 100;
    private static final int BYTES = 1 << 20;

    /** What one side sent and received, fingerprinted. */
    record Exchange(String sentSha256, String receivedSha256, long receivedBytes) { }

    @Test
    void hundredClientsExchangeOneMebibyteEachWayAndLeaveNothingBehind() throws Exception {
        long socketsBefore = Resources.openSockets();
        int driversBefore = Resources.driverThreads().size();
        Map<InetSocketAddress, Exchange> serverSide = new ConcurrentHashMap<>();
        Map<InetSocketAddress, Exchange> clientSide = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        try (ReliableServer server = new ReliableServer("127.0.0.1", 0)) {
            server.listen();
            int port = server.localAddress().getPort();
            Future<?> acceptor = pool.submit(() -> {
                List<Future<?>> handlers = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    ClientConnection c = server.accept(Duration.ofSeconds(60));
                    long seed = 1_000_000L + i;
                    handlers.add(pool.submit(() -> {
                        serverSide.put(c.remoteAddress(), exchange(c, seed, pool));
                        c.close();
                        return null;
                    }));
                }
                for (Future<?> h : handlers) {
                    h.get(120, TimeUnit.SECONDS);
                }
                return null;
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                long seed = i;
                clients.add(pool.submit(() -> {
                    ReliableSocket sock = new ReliableSocket("127.0.0.1", port);
                    sock.connect();
                    clientSide.put(sock.localAddress(), exchange(sock, seed, pool));
                    sock.close();
                    return null;
                }));
            }
            for (Future<?> c : clients) {
                c.get(120, TimeUnit.SECONDS);
            }
            acceptor.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(clientSide).hasSize(CLIENTS);
        assertThat(serverSide).hasSize(CLIENTS);
        for (Map.Entry<InetSocketAddress, Exchange> e : clientSide.entrySet()) {
            InetSocketAddress clientAddress = new InetSocketAddress("127.0.0.1", e.getKey().getPort());
            Exchange atServer = serverSide.get(clientAddress);
            assertThat(atServer).as("server side of %s", clientAddress).isNotNull();
            assertThat(atServer.receivedBytes()).isEqualTo(BYTES);
            assertThat(e.getValue().receivedBytes()).isEqualTo(BYTES);
            assertThat(atServer.receivedSha256()).isEqualTo(e.getValue().sentSha256());
            assertThat(e.getValue().receivedSha256()).isEqualTo(atServer.sentSha256());
        }
        assertThat(Resources.awaitDriverThreadsGone(30_000)).hasSizeLessThanOrEqualTo(driversBefore);
        if (socketsBefore >= 0) {
            assertThat(Resources.openSockets()).isLessThanOrEqualTo(socketsBefore);
        }
    }

    /** Sends BYTES seeded bytes while reading the peer's BYTES to the end; both fingerprinted. */
    private static Exchange exchange(RudpConnection c, long seed, ExecutorService pool) throws Exception {
        Future<String> sent = pool.submit(() -> {
            MessageDigest sha = sha256();
            SplittableRandom random = new SplittableRandom(seed);
            byte[] chunk = new byte[16 * 1024];
            for (int off = 0; off < BYTES; off += chunk.length) {
                random.nextBytes(chunk);
                c.send(chunk);
                sha.update(chunk);
            }
            c.shutdownOutput();
            return HexFormat.of().formatHex(sha.digest());
        });
        MessageDigest sha = sha256();
        byte[] buf = new byte[32 * 1024];
        long total = 0;
        int n;
        while ((n = c.receive(buf, 0, buf.length)) >= 0) {
            sha.update(buf, 0, n);
            total += n;
        }
        return new Exchange(sent.get(120, TimeUnit.SECONDS), HexFormat.of().formatHex(sha.digest()), total);
    }

    private static MessageDigest sha256() throws IOException {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
