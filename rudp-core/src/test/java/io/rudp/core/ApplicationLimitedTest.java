package io.rudp.core;

import static io.rudp.core.ScriptedConnection.ack;
import static io.rudp.core.ScriptedConnection.bytes;
import static io.rudp.core.ScriptedConnection.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ScriptedConnection.Side;
import io.rudp.core.wire.DataPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 9002 §7.8 in a scripted connection: a sender that does not fill its window does not grow
 * it, and one that does, does.
 */
class ApplicationLimitedTest {

    private static final EngineConfig NEW_RENO = EngineConfig.builder().congestionControl(CongestionControl.NEW_RENO).build();

    @ParameterizedTest
    @EnumSource(Side.class)
    void aSenderThatRanDryDoesNotGrowItsWindowOnWhatItSendsNext(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, NEW_RENO);
        exchange(s, 1200); // something delivered, then nothing left to send: application-limited
        long window = s.connection.congestion().congestionWindowBytes();

        exchange(s, 2400);

        assertThat(s.connection.congestion().congestionWindowBytes()).isEqualTo(window);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aSenderThatFillsItsWindowGrowsItInSlowStart(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, NEW_RENO);
        exchange(s, 1200);
        long window = s.connection.congestion().congestionWindowBytes();

        // A whole window's worth, then more: only the first flight after the idle spell is marked.
        s.write(bytes(60_000, 7));
        List<DataPacket> first = s.drainPaced();
        s.advance(ScriptedConnection.HANDSHAKE_RTT_NANOS);
        s.send(ack(numbers(first)));
        long afterFirstFlight = s.connection.congestion().congestionWindowBytes();
        List<DataPacket> second = s.drainPaced();
        s.advance(ScriptedConnection.HANDSHAKE_RTT_NANOS);
        s.send(ack(numbers(second)));

        assertThat(afterFirstFlight).isEqualTo(window);
        assertThat(s.connection.congestion().congestionWindowBytes()).isGreaterThan(window + 10_000);
    }

    /** Writes {@code size} bytes, sends them and has the peer acknowledge them one RTT later. */
    private static void exchange(ScriptedConnection s, int size) {
        s.write(bytes(size, size));
        List<DataPacket> sent = new ArrayList<>(s.drainPaced());
        s.advance(s.config.flushDelay().toNanos()); // a partly filled last packet waits this long
        sent.addAll(s.drainPaced());
        s.advance(ScriptedConnection.HANDSHAKE_RTT_NANOS);
        s.send(ack(numbers(sent)));
        assertThat(s.drain()).isEmpty();
    }
}
