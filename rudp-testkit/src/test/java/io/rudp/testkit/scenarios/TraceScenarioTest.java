package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.CloseReason;
import io.rudp.core.ConnectionState;
import io.rudp.core.ConnectionStats;
import io.rudp.core.EngineConfig;
import io.rudp.core.trace.ConnectionRole;
import io.rudp.core.trace.ConnectionTracer;
import io.rudp.core.trace.ConnectionTracerFactory;
import io.rudp.core.trace.LossTrigger;
import io.rudp.testkit.LinkConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event trace on a simulated lossy transfer: what the tracer hears agrees with the
 * connection's own counters, and tracing changes nothing about the connection's behaviour.
 */
class TraceScenarioTest {

    private static final long SEED = 7;
    private static final long CLIENT_BYTES = 400_000;
    private static final long SERVER_BYTES = 60_000;
    private static final LinkConfig LOSSY = LinkConfig.builder()
            .delay(Duration.ofMillis(15))
            .lossRate(0.03)
            .build();

    @Test
    void eventsAgreeWithTheConnectionStatsOnALossyTransfer() {
        Recorders recorders = new Recorders();
        TransferScenario s = run(EngineConfig.builder().tracerFactory(recorders).build());

        assertThat(recorders.byRole).containsOnlyKeys(ConnectionRole.CLIENT, ConnectionRole.SERVER);
        check(recorders.byRole.get(ConnectionRole.CLIENT), s.client.stats(), ConnectionState.CONNECTING);
        assertThat(s.client.stats().lostPackets()).isPositive();
        assertThat(recorders.byRole.get(ConnectionRole.CLIENT).triggers).containsKey(LossTrigger.PACKET_THRESHOLD);
        check(recorders.byRole.get(ConnectionRole.SERVER), s.server.stats(), ConnectionState.ESTABLISHED);
        assertThat(recorders.byRole.get(ConnectionRole.CLIENT).connectionId).isEqualTo(s.client.localConnectionId());
        assertThat(recorders.byRole.get(ConnectionRole.SERVER).peer).isEqualTo(String.valueOf(s.server.peerAddress()));
    }

    @Test
    void tracingChangesNothing() {
        TransferScenario untraced = run(EngineConfig.defaults());
        TransferScenario traced = run(EngineConfig.builder().tracerFactory(new Recorders()).build());

        assertThat(traced.client.stats()).isEqualTo(untraced.client.stats());
        assertThat(traced.server.stats()).isEqualTo(untraced.server.stats());
        assertThat(traced.network.nowNanos()).isEqualTo(untraced.network.nowNanos());
        assertThat(traced.client.stats().lostPackets()).isPositive();
    }

    @Test
    void aFactoryThatDeclinesOrThrowsLeavesTheConnectionUntracedButWorking() {
        ConnectionTracerFactory declines = (now, role, id, peer) -> null;
        ConnectionTracerFactory throwsUp = (now, role, id, peer) -> {
            throw new IllegalStateException("no tracing today");
        };
        TransferScenario reference = run(EngineConfig.defaults());
        for (ConnectionTracerFactory factory : List.of(declines, throwsUp)) {
            TransferScenario s = run(EngineConfig.builder().tracerFactory(factory).build());
            assertThat(s.client.stats()).isEqualTo(reference.client.stats());
            assertThat(s.clientEndpoint.stats().internalErrors()).isZero();
            assertThat(s.serverEndpoint.stats().internalErrors()).isZero();
        }
    }

    @Test
    void anAbandonedEndpointEndsItsConnectionsAndClosesTheirTraces() {
        Recorders recorders = new Recorders();
        TransferScenario s = new TransferScenario(SEED, EngineConfig.builder().tracerFactory(recorders).build(), LOSSY)
                .startOpen(CLIENT_BYTES, SERVER_BYTES);
        assertThat(s.runUntil(() -> s.server != null && s.client.isEstablished(), Duration.ofSeconds(30).toNanos())).isTrue();

        s.clientEndpoint.abandonAll(s.network.nowNanos(), "the driver stopped");

        Recorder client = recorders.byRole.get(ConnectionRole.CLIENT);
        assertThat(s.client.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.client.closeReason().kind()).isEqualTo(CloseReason.Kind.ENDPOINT_CLOSED);
        assertThat(s.clientEndpoint.connectionCount()).isZero();
        assertThat(client.closedCalls).isEqualTo(1);
        assertThat(client.closeReason.message()).isEqualTo("the driver stopped");
        assertThat(recorders.byRole.get(ConnectionRole.SERVER).closedCalls).isZero();
    }

    @Test
    void spuriousLossEventsAgreeWithTheConnectionStatsOnAReorderingPath() {
        Recorders recorders = new Recorders();
        LinkConfig reordering = LinkConfig.builder().delay(Duration.ofMillis(10)).reorder(0.1, Duration.ofMillis(15))
                .build();
        TransferScenario s = run(EngineConfig.builder().tracerFactory(recorders).build(), reordering);

        check(recorders.byRole.get(ConnectionRole.CLIENT), s.client.stats(), ConnectionState.CONNECTING);
        check(recorders.byRole.get(ConnectionRole.SERVER), s.server.stats(), ConnectionState.ESTABLISHED);
        assertThat(s.client.stats().spuriousLosses()).isPositive();
    }

    private static TransferScenario run(EngineConfig config) {
        return run(config, LOSSY);
    }

    private static TransferScenario run(EngineConfig config, LinkConfig link) {
        TransferScenario s = new TransferScenario(SEED, config, link).start(CLIENT_BYTES, SERVER_BYTES, true);
        boolean done = s.runUntil(s::bothClosedCleanly, Duration.ofSeconds(120).toNanos());
        assertThat(done).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        return s;
    }

    private static void check(Recorder r, ConnectionStats stats, ConnectionState firstState) {
        assertThat(r.sent).isEqualTo(stats.packetsSent()).isPositive();
        assertThat(r.received).isEqualTo(stats.packetsReceived()).isPositive();
        assertThat(r.lost).isEqualTo(stats.lostPackets());
        assertThat(r.spurious).isEqualTo(stats.spuriousLosses());
        assertThat(r.windowAlwaysPositive).isTrue();
        assertThat(r.triggers.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.lost);
        assertThat(r.retransmittedData).isEqualTo(stats.retransmittedPackets());
        assertThat(r.rttSamples).isPositive();
        assertThat(r.rttAlwaysPositive).isTrue();
        assertThat(r.metricsEvents).isPositive();
        assertThat(r.maxWindowBytes).isPositive();
        assertThat(r.metricsRepeated).as("a metrics event that changed nothing").isFalse();
        assertThat(r.timeWentBackwards).isFalse();
        assertThat(r.states.get(0)).isEqualTo(firstState);
        assertThat(r.states).contains(ConnectionState.ESTABLISHED, ConnectionState.CLOSED);
        assertThat(r.states.get(r.states.size() - 1)).isEqualTo(ConnectionState.CLOSED);
        assertThat(r.closedCalls).isEqualTo(1);
        assertThat(r.eventsAfterClose).isZero();
        assertThat(r.closeReason.kind()).isEqualTo(CloseReason.Kind.NORMAL);
    }

    /** A factory that keeps one {@link Recorder} per role. */
    private static final class Recorders implements ConnectionTracerFactory {
        final Map<ConnectionRole, Recorder> byRole = new EnumMap<>(ConnectionRole.class);

        @Override
        public ConnectionTracer newTracer(long nowNanos, ConnectionRole role, long localConnectionId, String peerAddress) {
            Recorder r = new Recorder(nowNanos, localConnectionId, peerAddress);
            byRole.put(role, r);
            return r;
        }
    }

    /** Counts what a connection's tracer hears and checks its invariants as it goes. */
    private static final class Recorder implements ConnectionTracer {
        final long connectionId;
        final String peer;
        long lastNanos;
        boolean timeWentBackwards;
        long sent;
        long received;
        long lost;
        long spurious;
        boolean windowAlwaysPositive = true;
        long retransmittedData;
        long rttSamples;
        boolean rttAlwaysPositive = true;
        long metricsEvents;
        long maxWindowBytes;
        boolean metricsRepeated;
        long[] lastMetrics;
        String lastControllerState;
        final Map<LossTrigger, Long> triggers = new EnumMap<>(LossTrigger.class);
        final List<ConnectionState> states = new ArrayList<>();
        int closedCalls;
        int eventsAfterClose;
        CloseReason closeReason;

        Recorder(long nowNanos, long connectionId, String peer) {
            this.lastNanos = nowNanos;
            this.connectionId = connectionId;
            this.peer = peer;
        }

        private void at(long nowNanos) {
            timeWentBackwards |= nowNanos - lastNanos < 0;
            lastNanos = nowNanos;
            if (closedCalls > 0) {
                eventsAfterClose++;
            }
        }

        @Override
        public void onPacketSent(long nowNanos, long packetNumber, int sizeBytes, boolean ackEliciting, boolean retransmittedData) {
            at(nowNanos);
            sent++;
            if (retransmittedData) {
                this.retransmittedData++;
            }
        }

        @Override
        public void onPacketReceived(long nowNanos, long packetNumber, int sizeBytes) {
            at(nowNanos);
            received++;
        }

        @Override
        public void onPacketLost(long nowNanos, long packetNumber, int sizeBytes, LossTrigger trigger) {
            at(nowNanos);
            lost++;
            triggers.merge(trigger, 1L, Long::sum);
        }

        @Override
        public void onSpuriousLosses(long nowNanos, int packets, long reorderingWindowNanos) {
            at(nowNanos);
            spurious += packets;
            windowAlwaysPositive &= reorderingWindowNanos > 0;
        }

        @Override
        public void onRttUpdated(long nowNanos, long latestRttNanos, long smoothedRttNanos, long minRttNanos, long rttVarNanos) {
            at(nowNanos);
            rttSamples++;
            rttAlwaysPositive &= latestRttNanos > 0 && smoothedRttNanos > 0 && minRttNanos > 0 && rttVarNanos >= 0;
        }

        @Override
        public void onCongestionMetrics(long nowNanos, long congestionWindowBytes, long bytesInFlight,
                                        long pacingRateBytesPerSecond, String controllerState) {
            at(nowNanos);
            metricsEvents++;
            maxWindowBytes = Math.max(maxWindowBytes, congestionWindowBytes);
            long[] now = {congestionWindowBytes, bytesInFlight, pacingRateBytesPerSecond};
            metricsRepeated |= java.util.Arrays.equals(now, lastMetrics) && controllerState == lastControllerState;
            lastMetrics = now;
            lastControllerState = controllerState;
        }

        @Override
        public void onStateChanged(long nowNanos, ConnectionState state) {
            at(nowNanos);
            states.add(state);
        }

        @Override
        public void onConnectionClosed(long nowNanos, CloseReason reason) {
            at(nowNanos);
            closedCalls++;
            closeReason = reason;
        }
    }
}
