package io.rudp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.Connection;
import io.rudp.core.ConnectionState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The application's requests and the rule that applies them to the engine (engines in memory, a test clock). */
class SessionRequestsTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    @Test
    void requestsAreLatchesAndTheFirstAbortReasonIsKept() {
        SessionRequests r = new SessionRequests();
        assertThat(r.isClosed()).isFalse();
        assertThat(r.requestAbort("first")).isTrue();
        assertThat(r.requestAbort("second")).as("an abort is asked for once").isFalse();
        assertThat(r.isClosed()).isTrue();
        assertThat(r.requestClose()).as("no close after an abort").isFalse();
        assertThat(r.isCloseRequested()).isFalse();

        SessionRequests byEndpoint = new SessionRequests();
        assertThat(byEndpoint.requestCloseByEndpoint("its RudpClient was closed")).isTrue();
        assertThat(byEndpoint.closedByEndpoint()).isEqualTo("its RudpClient was closed");
        assertThat(byEndpoint.requestCloseByEndpoint("again")).isFalse();
        assertThat(byEndpoint.closedByEndpoint()).as("set only with the close it explains").isEqualTo("its RudpClient was closed");

        SessionRequests closedFirst = new SessionRequests();
        assertThat(closedFirst.requestClose()).isTrue();
        assertThat(closedFirst.requestCloseByEndpoint("late")).isFalse();
        assertThat(closedFirst.closedByEndpoint()).isNull();

        SessionRequests stats = new SessionRequests();
        assertThat(stats.takeStatsRequest()).isFalse();
        stats.requestStats();
        assertThat(stats.takeStatsRequest()).isTrue();
        assertThat(stats.takeStatsRequest()).as("each request is answered once").isFalse();
    }

    @Test
    void aCloseReachesTheEngineOnlyAfterEveryQueuedByteThenShutsTheOutputDown() {
        EnginePair pair = new EnginePair();
        Connection c = pair.establish()[0];
        ByteRing outbound = new ByteRing(64 * 1024);
        outbound.put(HELLO, 0, HELLO.length);
        SessionRequests r = new SessionRequests();
        r.requestClose();

        assertThat(r.applyTo(c, outbound, pair.nowNanos)).as("the queued bytes moved").isTrue();

        assertThat(outbound.isEmpty()).isTrue();
        assertThat(r.isOutputShutdownApplied()).isTrue();
        assertThat(r.isCloseApplied()).isTrue();
        assertThat(c.isOutputShutdown()).isTrue();
        assertThat(r.applyTo(c, outbound, pair.nowNanos)).as("nothing applied twice, nothing moved").isFalse();
        pair.exchange();
        byte[] received = new byte[16];
        Connection serverSide = pair.server.connectionsSnapshot().get(0);
        assertThat(serverSide.read(received, 0, received.length)).as("the bytes precede the end of the stream").isEqualTo(HELLO.length);
        assertThat(serverSide.read(received, 0, received.length)).isEqualTo(-1);
    }

    @Test
    void aShutdownWaitsForTheHandshakeButACloseIsAppliedWhileItRuns() {
        EnginePair pair = new EnginePair();
        Connection c = pair.client.connect(pair.nowNanos, EnginePair.SERVER_ADDRESS);
        ByteRing outbound = new ByteRing(1024);
        SessionRequests r = new SessionRequests();
        r.requestOutputShutdown();
        r.applyTo(c, outbound, pair.nowNanos);
        assertThat(c.state()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(r.isOutputShutdownApplied()).as("no end of stream before the handshake").isFalse();

        r.requestClose();
        r.applyTo(c, outbound, pair.nowNanos);
        assertThat(r.isCloseApplied()).as("a close is applied at once while the handshake runs").isTrue();
        assertThat(r.isOutputShutdownApplied()).isFalse();
    }

    @Test
    void onceTheAbortIsAppliedNothingElseReachesTheEngine() {
        EnginePair pair = new EnginePair();
        Connection c = pair.establish()[0];
        ByteRing outbound = new ByteRing(1024);
        SessionRequests r = new SessionRequests();
        r.requestClose();
        r.requestAbort("test");
        outbound.put(HELLO, 0, HELLO.length);

        assertThat(r.applyTo(c, outbound, pair.nowNanos)).as("no byte moved").isFalse();

        assertThat(r.isAbortApplied()).isTrue();
        assertThat(c.state().isTerminating()).isTrue();
        assertThat(outbound.size()).isEqualTo(HELLO.length);
        assertThat(r.isCloseApplied()).isFalse();
        assertThat(r.isOutputShutdownApplied()).isFalse();
    }
}
