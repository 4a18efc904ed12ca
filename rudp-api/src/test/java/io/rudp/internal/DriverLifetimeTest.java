package io.rudp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.Connection;
import io.rudp.core.DatagramEngine;
import org.junit.jupiter.api.Test;

/** When a driver stops, on a clock the test moves (no thread, no socket). */
class DriverLifetimeTest {

    private static final long GRACE = DriverLifetime.IDLE_GRACE_NANOS;
    private static final long T0 = 5_000_000_000L;

    @Test
    void aSocketsOwnDriverLingersForTheGraceAfterItsConnectionEnded() {
        DriverLifetime lifetime = new DriverLifetime(true);
        assertThat(lifetime.stopsAfterTurn(T0, true)).as("no connection yet: waits for its first").isFalse();
        assertThat(lifetime.ownDeadlineNanos()).isEqualTo(DatagramEngine.NO_DEADLINE);
        assertThat(lifetime.stopsAfterTurn(T0 + 1, false)).isFalse();
        long ended = T0 + 100;
        assertThat(lifetime.stopsAfterTurn(ended, true)).isFalse();
        assertThat(lifetime.ownDeadlineNanos()).as("wakes by itself when the grace ends").isEqualTo(ended + GRACE);
        assertThat(lifetime.stopsAfterTurn(ended + GRACE - 1, true)).isFalse();
        assertThat(lifetime.stopsAfterTurn(ended + GRACE, true)).isTrue();
    }

    @Test
    void aConnectionDuringTheGraceStartsItAgain() {
        DriverLifetime lifetime = new DriverLifetime(true);
        lifetime.stopsAfterTurn(T0, false);
        lifetime.stopsAfterTurn(T0 + 10, true);
        lifetime.stopsAfterTurn(T0 + 20, false);
        assertThat(lifetime.ownDeadlineNanos()).as("busy: no deadline of its own").isEqualTo(DatagramEngine.NO_DEADLINE);
        assertThat(lifetime.stopsAfterTurn(T0 + 30, true)).isFalse();
        assertThat(lifetime.stopsAfterTurn(T0 + 10 + GRACE, true)).isFalse();
        assertThat(lifetime.stopsAfterTurn(T0 + 30 + GRACE, true)).isTrue();
    }

    @Test
    void aServerRunsUntilClosedAndAClosedOneThatNeverHadAConnectionStopsAtOnce() {
        DriverLifetime server = new DriverLifetime(false);
        assertThat(server.stopsAfterTurn(T0, false)).isFalse();
        assertThat(server.stopsAfterTurn(T0 + 1, true)).isFalse();
        assertThat(server.stopsAfterTurn(T0 + 1 + 10 * GRACE, true)).as("not closing: never stops by itself").isFalse();
        assertThat(server.ownDeadlineNanos()).isEqualTo(DatagramEngine.NO_DEADLINE);
        server.beginClosingAll();
        assertThat(server.stopsAfterTurn(T0 + 2 + 10 * GRACE, true)).isTrue();

        DriverLifetime neverUsed = new DriverLifetime(false);
        neverUsed.beginClosingAll();
        assertThat(neverUsed.stopsAfterTurn(T0, true)).as("nothing to linger for").isTrue();
    }

    @Test
    void aClosingEndpointWaitsOnlyForUnsettledConnectionsAndAbortsThem() {
        EnginePair pair = new EnginePair();
        Connection established = pair.establish()[0];
        Connection connecting = pair.client.connect(pair.nowNanos, new java.net.InetSocketAddress("127.0.0.1", 40003));
        DriverLifetime lifetime = new DriverLifetime(false);
        assertThat(lifetime.connectionsToWaitFor(pair.client)).as("not closing: every connection").isEqualTo(2);
        lifetime.beginClosingAll();
        assertThat(DriverLifetime.isSettled(established)).isFalse();
        assertThat(lifetime.connectionsToWaitFor(pair.client)).isEqualTo(2);

        established.shutdownOutput(pair.nowNanos);
        for (int i = 0; i < 1000 && !established.isOutputAcknowledged(); i++) {
            pair.exchange();
        }
        assertThat(DriverLifetime.isSettled(established)).as("its end of stream was acknowledged").isTrue();
        assertThat(lifetime.connectionsToWaitFor(pair.client)).isEqualTo(1);

        DriverLifetime.abortUnsettled(pair.client, pair.nowNanos, "closing");
        assertThat(connecting.state().isTerminating()).isTrue();
        assertThat(established.state().isTerminating()).as("a settled connection is not aborted").isFalse();
        assertThat(lifetime.connectionsToWaitFor(pair.client)).isZero();
    }
}
