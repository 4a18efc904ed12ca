package io.rudp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.Connection;
import io.rudp.core.DatagramEngine;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-off's queues and wake-up rules, single-threaded: the "driver" is this test, which
 * announces sleeps and reads what {@link HandOff} decided (no thread sleeps, no timing).
 */
class HandOffTest {

    private static final long SLEEP_DEADLINE = 10_000_000_000L;

    private Selector selector;
    private HandOff handOff;
    private Session session;

    @BeforeEach
    void setUp() throws Exception {
        selector = Selector.open();
        // An unstarted thread: unparking it does nothing.
        handOff = new HandOff(selector, new Thread(() -> { }));
        EnginePair pair = new EnginePair();
        Connection c = pair.client.connect(pair.nowNanos, EnginePair.SERVER_ADDRESS);
        session = new Session(null, handOff, c);
    }

    @AfterEach
    void tearDown() throws Exception {
        selector.close();
    }

    @Test
    void aSessionIsQueuedForThePumpOnceHoweverOftenAsked() {
        handOff.requestPump(session);
        handOff.requestPump(session);
        assertThat(handOff.pollPumpRequest()).isSameAs(session);
        assertThat(handOff.pollPumpRequest()).isNull();
        handOff.requestPump(session);
        assertThat(handOff.pollPumpRequest()).as("queued again once taken").isSameAs(session);

        handOff.connectionChanged(session);
        handOff.connectionChanged(session);
        assertThat(handOff.changedCount()).isEqualTo(1);
        assertThat(handOff.pollChanged()).isSameAs(session);
        assertThat(handOff.pollChanged()).isNull();
    }

    @Test
    void commandsRunInOrderWithTheTurnsTime() {
        List<String> ran = new ArrayList<>();
        handOff.submit(now -> ran.add("first@" + now));
        handOff.submit(now -> ran.add("second@" + now));
        assertThat(handOff.hasCommands()).isTrue();
        handOff.runCommands(42);
        assertThat(ran).containsExactly("first@42", "second@42");
        assertThat(handOff.hasCommands()).isFalse();
    }

    @Test
    void theDriverDoesNotSleepOverWorkQueuedBeforeItsLastLook() {
        assertThat(handOff.prepareToSleep(DatagramEngine.NO_DEADLINE)).as("nothing queued, no deadline: until woken").isNegative();
        handOff.awake();
        handOff.requestPump(session);
        assertThat(handOff.prepareToSleep(DatagramEngine.NO_DEADLINE)).isZero();
        handOff.pollPumpRequest();
        handOff.submit(now -> { });
        assertThat(handOff.prepareToSleep(DatagramEngine.NO_DEADLINE)).isZero();
        handOff.runCommands(0);
        handOff.connectionChanged(session);
        assertThat(handOff.prepareToSleep(DatagramEngine.NO_DEADLINE)).isZero();
        handOff.pollChanged();
        handOff.requestStop();
        assertThat(handOff.prepareToSleep(DatagramEngine.NO_DEADLINE)).isZero();
    }

    @Test
    void anApplicationThreadWakesTheDriverOnlyWhenItMustActAndOncePerSleep() {
        assertThat(handOff.wakeDriverIfItMustAct(true, 0, true)).as("the driver is in its turn: it looks itself").isFalse();
        handOff.prepareToSleep(SLEEP_DEADLINE);
        assertThat(handOff.wakeDriverIfItMustAct(false, SLEEP_DEADLINE + 1, false)).as("a later deadline").isFalse();
        assertThat(handOff.wakeDriverIfItMustAct(false, DatagramEngine.NO_DEADLINE, false)).isFalse();
        assertThat(handOff.wakeDriverIfItMustAct(false, SLEEP_DEADLINE - 1, false)).as("an earlier deadline").isTrue();
        assertThat(handOff.wakeDriverIfItMustAct(true, SLEEP_DEADLINE - 1, true)).as("one wake-up per sleep").isFalse();

        for (int reason = 0; reason < 3; reason++) {
            handOff.awake();
            handOff.prepareToSleep(SLEEP_DEADLINE);
            boolean more = reason == 0;
            boolean blocked = reason == 1;
            if (reason == 2) {
                handOff.connectionChanged(session);
            }
            assertThat(handOff.wakeDriverIfItMustAct(more, SLEEP_DEADLINE, blocked)).as("reason %d", reason).isTrue();
            handOff.pollChanged();
        }
    }

    @Test
    void theRulesOfWhoRunsTheEngineAndWhenAReaderWakesAtOnce() {
        assertThat(HandOff.writerRunsEngine(HandOff.MESSAGE_WRITE_BYTES)).isTrue();
        assertThat(HandOff.writerRunsEngine(HandOff.MESSAGE_WRITE_BYTES + 1)).isFalse();
        assertThat(HandOff.inboundWakesAtOnce(32 * 1024 - 1, 64 * 1024)).isFalse();
        assertThat(HandOff.inboundWakesAtOnce(32 * 1024, 64 * 1024)).isTrue();
    }
}
