package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.EngineConfig;
import io.rudp.testkit.HandshakeTrials;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Connects through 10-30% loss each way at 20 ms RTT with the default settings (issue 14, item 4):
 * how many finish within 3 and 10 s over fixed seeds, and that the server, while the client has
 * not proven its address, holds nothing for it and sends it less than it received.
 */
class HandshakeLossScenarioTest {

    private static final Duration RTT = Duration.ofMillis(20);
    private static final Duration BOUND = Duration.ofSeconds(11);
    private static final EngineConfig DEFAULTS = EngineConfig.defaults();

    private static HandshakeTrials.Result run(double loss, int connects, long seed) {
        return HandshakeTrials.run(DEFAULTS, DEFAULTS, loss, RTT, connects, seed, BOUND);
    }

    private static void assertNoAmplificationAndNoEarlyState(HandshakeTrials.Result r) {
        assertThat(r.amplifyingTrials()).as("trials where the server sent more than it received before validation").isZero();
        assertThat(r.statelessBytesSent()).isLessThan(r.handshakeBytesReceived() / 4);
        // One client, one connection: nothing was created for a copy or a retransmission.
        assertThat(r.mostServerConnections()).isEqualTo(1);
    }

    @Test
    void atThirtyPercentLossEachWayAtLeast99Of100ConnectWithinTenSeconds() {
        HandshakeTrials.Result r = run(0.30, 100, 30_000);

        assertThat(r.finishedWithin(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(99);
        assertNoAmplificationAndNoEarlyState(r);
    }

    @Test
    void atTwentyPercentLossEachWayAtLeast199Of200ConnectWithinThreeSeconds() {
        HandshakeTrials.Result r = run(0.20, 200, 20_000);

        assertThat(r.finishedWithin(Duration.ofSeconds(3))).isGreaterThanOrEqualTo(199);
        assertThat(r.finishedWithin(Duration.ofSeconds(10))).isEqualTo(200);
        assertNoAmplificationAndNoEarlyState(r);
    }

    @Test
    void atTenPercentLossEachWayAtLeast999Of1000ConnectWithinThreeSeconds() {
        HandshakeTrials.Result r = run(0.10, 1000, 10_000);

        assertThat(r.finishedWithin(Duration.ofSeconds(3))).isGreaterThanOrEqualTo(999);
        assertNoAmplificationAndNoEarlyState(r);
    }

    @Test
    void withoutLossAConnectTakesOneRoundTripForEachOfTheTwoExchanges() {
        HandshakeTrials.Result r = run(0, 5, 1);

        assertThat(r.connectNanos()).containsOnly(2 * RTT.toNanos());
        assertThat(r.amplifyingTrials()).isZero();
    }
}
