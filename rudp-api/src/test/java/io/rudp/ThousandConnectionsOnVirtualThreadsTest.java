package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 concurrent connections to one server, each client and each server-side handler on its own
 * virtual thread (JDK 21+; skipped on older runtimes; CI runs it on JDK 25). Every client holds its
 * connection open until all 1,000 are established, so they really are concurrent.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ThousandConnectionsOnVirtualThreadsTest {

    private static final int CONNECTIONS = 1000;

    private static ExecutorService virtualThreadPerTask() {
        try {
            Method m = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    @Test
    void thousandConcurrentConnectionsEachOnAVirtualThread() throws Exception {
        ExecutorService virtual = virtualThreadPerTask();
        Assumptions.assumeTrue(virtual != null, "virtual threads need JDK 21+; running on " + Runtime.version());
        RudpConfig config = RudpConfig.builder().acceptBacklog(CONNECTIONS).maxConnections(2 * CONNECTIONS)
                .handshakeTimeout(Duration.ofSeconds(60)).handshakeAttempts(30)
                .sendBufferBytes(16 * 1024).receiveBufferBytes(16 * 1024).build();
        AtomicInteger established = new AtomicInteger();
        AtomicInteger echoed = new AtomicInteger();
        java.util.concurrent.CountDownLatch allUp = new java.util.concurrent.CountDownLatch(CONNECTIONS);
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), config)) {
            server.listen();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
            Future<?> acceptor = virtual.submit(() -> {
                List<Future<?>> handlers = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    ClientConnection c = server.accept(Duration.ofSeconds(120));
                    handlers.add(virtual.submit(() -> {
                        byte[] request = c.receiveMessage();
                        c.sendMessage(request);
                        assertThat(c.receiveMessage()).isNull(); // the client's clean end
                        c.close();
                        return null;
                    }));
                }
                for (Future<?> h : handlers) {
                    h.get(240, TimeUnit.SECONDS);
                }
                return null;
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                byte[] payload = new byte[1000];
                Arrays.fill(payload, (byte) i);
                clients.add(virtual.submit(() -> {
                    try (ReliableSocket sock = new ReliableSocket(address, config)) {
                        sock.connect();
                        established.incrementAndGet();
                        allUp.countDown();
                        assertThat(allUp.await(120, TimeUnit.SECONDS)).isTrue();
                        sock.sendMessage(payload);
                        assertThat(sock.receiveMessage()).isEqualTo(payload);
                        echoed.incrementAndGet();
                        sock.shutdownOutput();
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get(240, TimeUnit.SECONDS);
            }
            acceptor.get(120, TimeUnit.SECONDS);
        } finally {
            virtual.shutdown();
            assertThat(virtual.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(established.get()).isEqualTo(CONNECTIONS);
        assertThat(echoed.get()).isEqualTo(CONNECTIONS);
        assertThat(Resources.awaitDriverThreadsGone(60_000)).isEmpty();
    }
}
