package io.rudp.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rudp.testkit.Impairment;
import io.rudp.testkit.LinkConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay on loopback: exact relaying without impairment, loss rates with fixed seeds, one
 * upstream per client, idle expiry, and every bound.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImpairmentProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final InetSocketAddress ANY_LOOPBACK_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("rudp-proxy-") && t.isAlive());
    }

    private UdpPeer peer() throws IOException {
        UdpPeer p = new UdpPeer();
        toClose.add(p);
        return p;
    }

    private ImpairmentProxy proxy(UdpPeer server, LinkConfig up, LinkConfig down, long seed,
            ProxyLimits limits) throws IOException {
        ImpairmentProxy p = ImpairmentProxy.start(ANY_LOOPBACK_PORT, server.address(), up, down,
                seed, limits);
        toClose.add(p);
        return p;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void withoutImpairmentEveryRequestAndResponseCrossesExactlyOnceAndIntact() throws Exception {
        UdpPeer server = peer();
        UdpPeer client = peer();
        ImpairmentProxy proxy = proxy(server, LinkConfig.perfect(), LinkConfig.perfect(), 1,
                ProxyLimits.defaults());
        InetSocketAddress upstream = null;
        for (int i = 0; i < 200; i++) {
            client.send(proxy.localAddress(), text("request " + i));
            UdpPeer.Datagram request = server.receive(WAIT);
            assertThat(request).as("request %d", i).isNotNull();
            assertThat(text(request.bytes())).isEqualTo("request " + i);
            if (upstream == null) {
                upstream = request.from();
            }
            assertThat(request.from()).isEqualTo(upstream); // one peer per client
            server.send(request.from(), text("response " + i));
            UdpPeer.Datagram response = client.receive(WAIT);
            assertThat(response).as("response %d", i).isNotNull();
            assertThat(text(response.bytes())).isEqualTo("response " + i);
            assertThat(response.from()).isEqualTo(proxy.localAddress());
        }
        assertThat(upstream.getPort()).isNotEqualTo(proxy.localAddress().getPort());
        assertThat(server.receive(QUIET)).isNull();
        assertThat(client.receive(QUIET)).isNull();
        ProxyStats s = proxy.stats();
        assertThat(s.up()).isEqualTo(new DirectionStats(200, 200, s.up().bytesDelivered(), 0, 0, 0,
                0, 0, 0, 0, 0));
        assertThat(s.down().received()).isEqualTo(200);
        assertThat(s.down().delivered()).isEqualTo(200);
        assertThat(s.activeClients()).isEqualTo(1);
        assertThat(s.clientsSeen()).isEqualTo(1);
        assertThat(s.pendingDatagrams()).isZero();
        assertThat(proxy.describe()).contains(ImpairmentProxy.format(proxy.localAddress()));
    }

    @Test
    void thirtyPercentLossEachWayDropsAboutThatManyAndExactlyWhatTheEngineDecides() throws Exception {
        LinkConfig lossy = LinkConfig.builder().lossRate(0.3).build();
        long seed = 42;
        UdpPeer server = peer();
        UdpPeer client = peer();
        ImpairmentProxy proxy = proxy(server, lossy, lossy, seed, ProxyLimits.defaults());
        int batches = 20;
        int perBatch = 50;
        int sent = 0;
        int serverGot = 0;
        int clientGot = 0;
        for (int b = 0; b < batches; b++) {
            // A batch at a time so no socket buffer overflows: send, wait until the proxy has
            // handled all of it, drain exactly what it delivered, answer, and the same back.
            for (int i = 0; i < perBatch; i++) {
                client.send(proxy.localAddress(), text("q" + sent++));
            }
            int target = sent;
            assertThat(proxy.awaitStats(s -> s.up().received() == target
                    && s.pendingDatagrams() == 0, WAIT)).isTrue();
            long toDrain = proxy.stats().up().delivered() - serverGot;
            for (long i = 0; i < toDrain; i++) {
                UdpPeer.Datagram q = server.receive(WAIT);
                assertThat(q).isNotNull();
                serverGot++;
                server.send(q.from(), text("r" + text(q.bytes())));
            }
            int answered = serverGot;
            assertThat(proxy.awaitStats(s -> s.down().received() == answered
                    && s.pendingDatagrams() == 0, WAIT)).isTrue();
            long toReceive = proxy.stats().down().delivered() - clientGot;
            for (long i = 0; i < toReceive; i++) {
                assertThat(client.receive(WAIT)).isNotNull();
                clientGot++;
            }
        }
        assertThat(server.receive(QUIET)).isNull();
        assertThat(client.receive(QUIET)).isNull();
        ProxyStats s = proxy.stats();
        int n = batches * perBatch;
        assertThat(s.up().received()).isEqualTo(n);
        assertThat(s.up().lost() + s.up().delivered()).isEqualTo(n);
        double sigma = Math.sqrt(n * 0.3 * 0.7);
        assertThat((double) s.up().lost()).isCloseTo(0.3 * n, within(5 * sigma));
        assertThat(s.down().received()).isEqualTo(serverGot);
        assertThat((double) s.down().lost()).isCloseTo(0.3 * serverGot,
                within(5 * Math.sqrt(serverGot * 0.21)));
        assertThat(clientGot).isEqualTo(s.down().delivered());

        // Determinism: the proxy's first client used exactly the engine a replay builds.
        Impairment replay = new Impairment(lossy, RelayLoop.seedFor(seed, 0, true));
        for (int i = 0; i < n; i++) {
            replay.transmit(i, new byte[4], (at, bytes) -> { });
        }
        assertThat(replay.stats().lost()).isEqualTo(s.up().lost());
    }

    @Test
    void itRelaysOverIpv6Loopback() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        UdpPeer server;
        try {
            server = new UdpPeer(v6);
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e);
            return;
        }
        toClose.add(server);
        UdpPeer client = new UdpPeer(v6);
        toClose.add(client);
        ImpairmentProxy proxy = ImpairmentProxy.start(new InetSocketAddress(v6, 0),
                server.address(), LinkConfig.perfect(), LinkConfig.perfect(), 10);
        toClose.add(proxy);
        assertThat(ImpairmentProxy.format(proxy.localAddress())).startsWith("[0:0:0:0:0:0:0:1]:");
        client.send(proxy.localAddress(), text("v6"));
        UdpPeer.Datagram request = server.receive(WAIT);
        assertThat(request).isNotNull();
        server.send(request.from(), text("v6 back"));
        UdpPeer.Datagram reply = client.receive(WAIT);
        assertThat(reply).isNotNull();
        assertThat(text(reply.bytes())).isEqualTo("v6 back");
    }

    @Test
    void eachClientGetsItsOwnUpstreamPortAndItsOwnReplies() throws Exception {
        UdpPeer server = peer();
        ImpairmentProxy proxy = proxy(server, LinkConfig.perfect(), LinkConfig.perfect(), 3,
                ProxyLimits.defaults());
        int clients = 8;
        List<UdpPeer> peers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            UdpPeer p = peer();
            peers.add(p);
            p.send(proxy.localAddress(), text("client " + c));
        }
        Set<InetSocketAddress> upstreams = new HashSet<>();
        for (int c = 0; c < clients; c++) {
            UdpPeer.Datagram d = server.receive(WAIT);
            assertThat(d).isNotNull();
            upstreams.add(d.from());
            server.send(d.from(), text("for " + text(d.bytes())));
        }
        assertThat(upstreams).hasSize(clients);
        for (int c = 0; c < clients; c++) {
            UdpPeer.Datagram reply = peers.get(c).receive(WAIT);
            assertThat(reply).isNotNull();
            assertThat(text(reply.bytes())).isEqualTo("for client " + c);
        }
        assertThat(proxy.stats().activeClients()).isEqualTo(clients);
        assertThat(proxy.stats().clientsSeen()).isEqualTo(clients);
    }

    /**
     * A bottleneck of 100 bytes/s (10 s per 1,000-byte datagram) and a 2,500-byte queue: of three
     * datagrams sent at once, the first is serialized, the second waits, the third finds 2,000
     * bytes ahead of it and is dropped (the sends are seconds apart from changing that).
     */
    private static LinkConfig slowBottleneck() {
        return LinkConfig.builder().bandwidth(800, 2_500).build();
    }

    @Test
    void perClientLinksGiveEachClientItsOwnQueue() throws Exception {
        UdpPeer server = peer();
        ImpairmentProxy proxy = proxy(server, slowBottleneck(), LinkConfig.perfect(), 12,
                ProxyLimits.defaults());
        sendThreeEachFromTwoClients(proxy);
        assertThat(proxy.awaitStats(s -> s.up().received() == 6, WAIT)).isTrue();
        assertThat(proxy.stats().up().queueDropped()).isEqualTo(2); // one per client
        assertThat(proxy.stats().pendingDatagrams()).isEqualTo(4);
    }

    @Test
    void aSharedLinkPutsEveryClientInOneQueue() throws Exception {
        UdpPeer server = peer();
        ImpairmentProxy proxy = ImpairmentProxy.start(ANY_LOOPBACK_PORT, server.address(),
                slowBottleneck(), LinkConfig.perfect(), 12, ProxyLimits.defaults(),
                LinkSharing.SHARED);
        toClose.add(proxy);
        sendThreeEachFromTwoClients(proxy);
        assertThat(proxy.awaitStats(s -> s.up().received() == 6, WAIT)).isTrue();
        ProxyStats s = proxy.stats();
        assertThat(s.up().queueDropped()).isEqualTo(4); // two fit in the one queue
        assertThat(s.pendingDatagrams()).isEqualTo(2);
        assertThat(s.activeClients()).isEqualTo(2); // still one upstream port per client
    }

    @Test
    void aSharedLinkRelaysEachClientsRepliesToThatClient() throws Exception {
        UdpPeer server = peer();
        ImpairmentProxy proxy = ImpairmentProxy.start(ANY_LOOPBACK_PORT, server.address(),
                LinkConfig.perfect(), LinkConfig.perfect(), 13, ProxyLimits.defaults(),
                LinkSharing.SHARED);
        toClose.add(proxy);
        UdpPeer a = peer();
        UdpPeer b = peer();
        a.send(proxy.localAddress(), text("a"));
        b.send(proxy.localAddress(), text("b"));
        for (int i = 0; i < 2; i++) {
            UdpPeer.Datagram d = server.receive(WAIT);
            assertThat(d).isNotNull();
            server.send(d.from(), text("for " + text(d.bytes())));
        }
        assertThat(text(a.receive(WAIT).bytes())).isEqualTo("for a");
        assertThat(text(b.receive(WAIT).bytes())).isEqualTo("for b");
        ProxyStats s = proxy.stats();
        assertThat(s.up().delivered()).isEqualTo(2); // the shared engine is counted once
        assertThat(s.down().delivered()).isEqualTo(2);
    }

    private void sendThreeEachFromTwoClients(ImpairmentProxy proxy) throws IOException {
        UdpPeer a = peer();
        UdpPeer b = peer();
        for (int i = 0; i < 3; i++) {
            a.send(proxy.localAddress(), new byte[1_000]);
            b.send(proxy.localAddress(), new byte[1_000]);
        }
    }

    @Test
    void idleClientsExpireAndComeBackAsNewMappings() throws Exception {
        UdpPeer server = peer();
        ProxyLimits limits = ProxyLimits.defaults().withIdleExpiry(Duration.ofMillis(150));
        ImpairmentProxy proxy = proxy(server, LinkConfig.perfect(), LinkConfig.perfect(), 4, limits);
        List<UdpPeer> peers = List.of(peer(), peer(), peer());
        for (UdpPeer p : peers) {
            p.send(proxy.localAddress(), text("hello"));
            assertThat(server.receive(WAIT)).isNotNull();
        }
        assertThat(proxy.awaitStats(s -> s.clientsSeen() == 3, WAIT)).isTrue();
        assertThat(proxy.awaitStats(s -> s.activeClients() == 0, WAIT)).isTrue();
        ProxyStats s = proxy.stats();
        assertThat(s.clientsExpired()).isEqualTo(3);
        assertThat(s.up().delivered()).isEqualTo(3); // counters of expired clients are kept

        peers.get(0).send(proxy.localAddress(), text("again"));
        assertThat(server.receive(WAIT)).isNotNull();
        assertThat(proxy.awaitStats(t -> t.activeClients() == 1 && t.clientsSeen() == 4, WAIT))
                .isTrue();
    }

    @Test
    void clientsBeyondTheLimitAreDroppedAndCounted() throws Exception {
        UdpPeer server = peer();
        ImpairmentProxy proxy = proxy(server, LinkConfig.perfect(), LinkConfig.perfect(), 5,
                ProxyLimits.defaults().withMaxClients(2));
        UdpPeer a = peer();
        UdpPeer b = peer();
        UdpPeer c = peer();
        a.send(proxy.localAddress(), text("a"));
        b.send(proxy.localAddress(), text("b"));
        assertThat(proxy.awaitStats(s -> s.activeClients() == 2, WAIT)).isTrue();
        c.send(proxy.localAddress(), text("c"));
        c.send(proxy.localAddress(), text("c"));
        assertThat(proxy.awaitStats(s -> s.overLimitDropped() == 2, WAIT)).isTrue();
        a.send(proxy.localAddress(), text("a2")); // known clients still pass
        Set<String> got = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            got.add(text(server.receive(WAIT).bytes()));
        }
        assertThat(got).containsExactlyInAnyOrder("a", "b", "a2");
        assertThat(server.receive(QUIET)).isNull();
        assertThat(proxy.stats().activeClients()).isEqualTo(2);
    }

    @Test
    void pendingBytesStayWithinTheirBound() throws Exception {
        UdpPeer server = peer();
        UdpPeer client = peer();
        LinkConfig slow = LinkConfig.builder().delay(Duration.ofHours(1)).build();
        ImpairmentProxy proxy = proxy(server, slow, LinkConfig.perfect(), 6,
                ProxyLimits.defaults().withMaxPendingBytes(10_000));
        for (int i = 0; i < 20; i++) {
            client.send(proxy.localAddress(), new byte[1_000]);
        }
        assertThat(proxy.awaitStats(s -> s.up().received() == 20, WAIT)).isTrue();
        ProxyStats s = proxy.stats();
        assertThat(s.pendingBytes()).isEqualTo(10_000);
        assertThat(s.pendingDatagrams()).isEqualTo(10);
        assertThat(s.up().overflowDropped()).isEqualTo(10);
        assertThat(s.up().delivered()).isZero();
        assertThat(server.receive(QUIET)).isNull();
    }

    @Test
    void closeStopsTheThreadFreesThePortAndKeepsTheFinalCounters() throws Exception {
        UdpPeer server = peer();
        UdpPeer client = peer();
        ImpairmentProxy proxy = ImpairmentProxy.start(ANY_LOOPBACK_PORT, server.address(),
                LinkConfig.perfect(), LinkConfig.perfect(), 7);
        client.send(proxy.localAddress(), text("x"));
        assertThat(server.receive(WAIT)).isNotNull();
        InetSocketAddress address = proxy.localAddress();
        proxy.close();
        proxy.close(); // idempotent
        assertThat(proxy.isRunning()).isFalse();
        assertThat(proxy.awaitTermination(Duration.ZERO)).isTrue();
        assertThat(proxy.failure()).isNull();
        assertThat(proxy.stats().up().delivered()).isEqualTo(1);
        assertThat(proxy.awaitStats(s -> false, Duration.ofSeconds(5))).isFalse();
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(address); // the listening port was released
        }
    }

    @Test
    void aPortInUseOrTheProxyAsItsOwnTargetIsRefused() throws Exception {
        UdpPeer server = peer();
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(ANY_LOOPBACK_PORT);
            InetSocketAddress busy = (InetSocketAddress) taken.getLocalAddress();
            assertThatThrownBy(() -> ImpairmentProxy.start(busy, server.address(),
                    LinkConfig.perfect(), LinkConfig.perfect(), 8))
                    .isInstanceOf(BindException.class).hasMessageContaining("cannot listen on");
        }
        InetSocketAddress self;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(ANY_LOOPBACK_PORT);
            self = (InetSocketAddress) probe.getLocalAddress();
        }
        assertThatThrownBy(() -> ImpairmentProxy.start(self, self, LinkConfig.perfect(),
                LinkConfig.perfect(), 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("own listening address");
        assertThatThrownBy(() -> ImpairmentProxy.start(ANY_LOOPBACK_PORT,
                InetSocketAddress.createUnresolved("example.invalid", 9), LinkConfig.perfect(),
                LinkConfig.perfect(), 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> ProxyLimits.defaults().withMaxClients(0))
                .hasMessageContaining("maxClients");
        assertThatThrownBy(() -> ProxyLimits.defaults().withIdleExpiry(Duration.ZERO))
                .hasMessageContaining("idle expiry");
        assertThatThrownBy(() -> ProxyLimits.defaults().withMaxPendingBytes(0))
                .hasMessageContaining("maxPendingBytes");
    }
}
