package io.rudp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.DatagramEngine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest {

    private static final long MS = 1_000_000L;

    private static InetSocketAddress address(int a, int b, int c, int d, int port) {
        try {
            return new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}),
                    port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCutPathDropsEverythingBothWaysIncludingWhatIsInFlightUntilRestored() {
        SimulatedNetwork net = new SimulatedNetwork(3);
        TestNode a = new TestNode("a");
        TestNode b = new TestNode("b");
        InetSocketAddress at = net.attach(a);
        InetSocketAddress bt = net.attach(b);
        net.setPath(at, bt, LinkConfig.builder().delay(Duration.ofMillis(10)).build());

        a.send(bt, new byte[] {1});
        net.runFor(5 * MS); // datagram 1 is half-way
        net.cutPath(at, bt);
        assertThat(net.isCut(at, bt)).isTrue();
        assertThat(net.isCut(bt, at)).isTrue();
        a.send(bt, new byte[] {2});
        b.send(at, new byte[] {3});
        net.runFor(100 * MS);
        assertThat(a.received).isEmpty();
        assertThat(b.received).isEmpty();

        net.restorePath(at, bt);
        assertThat(net.isCut(at, bt)).isFalse();
        long restoredAt = net.nowNanos();
        a.send(bt, new byte[] {4});
        b.send(at, new byte[] {5});
        net.runFor(100 * MS);
        assertThat(b.received).singleElement().satisfies(r -> {
            assertThat(r.data()).containsExactly((byte) 4);
            assertThat(r.timeNanos()).as("the configuration applies again").isEqualTo(restoredAt + 10 * MS);
        });
        assertThat(a.received).singleElement().extracting(TestNode.Received::data).isEqualTo(new byte[] {5});
        LinkStats ab = net.stats(at, bt);
        assertThat(ab.sent()).isEqualTo(3);
        assertThat(ab.lost()).as("one in flight, one sent while cut").isEqualTo(2);
        assertThat(ab.delivered()).isEqualTo(1);
        assertThat(net.stats(bt, at).lost()).isEqualTo(1);
    }

    @Test
    void theClockStartsAtOneSecondByDefaultAndAtAnyChosenOrigin() {
        assertThat(new SimulatedNetwork(1).nowNanos()).isEqualTo(1_000_000_000L);
        assertThat(new SimulatedNetwork(1, -42).nowNanos()).isEqualTo(-42);
        assertThat(new SimulatedNetwork(7).seed()).isEqualTo(7);
    }

    @Test
    void autoAddressesAreDistinctLiteralTenDotZeroAddresses() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        InetSocketAddress first = net.attach(new TestNode("a"));
        InetSocketAddress second = net.attach(new TestNode("b"));
        assertThat(first).isNotEqualTo(second);
        for (InetSocketAddress a : List.of(first, second)) {
            assertThat(a.isUnresolved()).isFalse();
            assertThat(a.getAddress().getAddress()[0]).isEqualTo((byte) 10);
            assertThat(a.getAddress().getAddress()[1]).isEqualTo((byte) 0);
            assertThat(a.getPort()).isBetween(40_000, 65_535);
        }
    }

    @Test
    void autoAddressingSkipsAnAddressTakenExplicitly() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        InetSocketAddress taken = address(10, 0, 0, 1, 40_001);
        net.attach(new TestNode("explicit"), taken);
        assertThat(net.attach(new TestNode("auto"))).isNotEqualTo(taken);
    }

    @Test
    void attachingTwiceAtOneAddressOrTheSameNodeTwiceOrAtAnUnresolvedAddressIsRejected() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode node = new TestNode("a");
        InetSocketAddress at = net.attach(node, address(192, 168, 1, 1, 5000));
        assertThatThrownBy(() -> net.attach(new TestNode("b"), at))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taken");
        assertThatThrownBy(() -> net.attach(node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already attached");
        assertThatThrownBy(() -> net.attach(new TestNode("c"),
                InetSocketAddress.createUnresolved("example.invalid", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("literal IP");
    }

    @Test
    void datagramsSentAtOneInstantArriveInSendOrderOnAPerfectLink() {
        SimulatedNetwork net = new SimulatedNetwork(3);
        TestNode sender = new TestNode("sender");
        TestNode receiver = new TestNode("receiver");
        net.attach(sender);
        InetSocketAddress to = net.attach(receiver);
        for (int i = 0; i < 100; i++) {
            sender.send(to, new byte[] {(byte) i});
        }
        long start = net.nowNanos();
        while (net.step()) {
            // run to quiescence
        }
        assertThat(receiver.received).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(receiver.received.get(i).data()).containsExactly((byte) i);
            assertThat(receiver.received.get(i).timeNanos()).isEqualTo(start);
        }
    }

    @Test
    void userCodeQueuingBetweenStepsIsSentAtTheCurrentTime() {
        SimulatedNetwork net = new SimulatedNetwork(3);
        TestNode sender = new TestNode("sender");
        TestNode receiver = new TestNode("receiver");
        InetSocketAddress from = net.attach(sender);
        InetSocketAddress to = net.attach(receiver);
        net.setLink(from, to, LinkConfig.builder().delayNanos(5 * MS).build());
        net.runFor(100 * MS);
        sender.send(to, new byte[] {1});
        long sentAt = net.nowNanos();
        assertThat(net.step()).isTrue();
        assertThat(receiver.received).singleElement()
                .extracting(TestNode.Received::timeNanos).isEqualTo(sentAt + 5 * MS);
        assertThat(receiver.received.get(0).from()).isEqualTo(from);
    }

    @Test
    void stepReturnsFalseAndKeepsTheClockWhenNothingIsPending() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        net.attach(new TestNode("idle"));
        long before = net.nowNanos();
        assertThat(net.step()).isFalse();
        assertThat(net.nowNanos()).isEqualTo(before);
    }

    @Test
    void timersFireAtExactlyTheirVirtualInstant() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        long origin = net.nowNanos();
        TestNode node = new TestNode("timer") {
            @Override
            void onTimer(long nowNanos) {
                if (timerFirings.size() < 3) {
                    deadlineNanos = nowNanos + 7 * MS + 13;
                }
            }
        };
        node.deadlineNanos = origin + 5 * MS;
        net.attach(node);
        net.runFor(100 * MS);
        assertThat(node.timerFirings).containsExactly(origin + 5 * MS, origin + 12 * MS + 13,
                origin + 19 * MS + 26);
        assertThat(net.nowNanos()).isEqualTo(origin + 100 * MS);
    }

    @Test
    void aDeadlineInThePastFiresAtTheCurrentTime() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        net.runFor(50 * MS);
        TestNode node = new TestNode("late");
        node.deadlineNanos = net.nowNanos() - 20 * MS;
        net.attach(node);
        long now = net.nowNanos();
        assertThat(net.step()).isTrue();
        assertThat(node.timerFirings).containsExactly(now);
        assertThat(net.nowNanos()).isEqualTo(now);
    }

    @Test
    void deliveriesDueAtTheSameInstantAsATimerGoFirst() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        List<String> order = new ArrayList<>();
        TestNode node = new TestNode("both") {
            @Override
            void onDatagram(long nowNanos, InetSocketAddress from, byte[] data) {
                order.add("datagram@" + nowNanos);
            }

            @Override
            void onTimer(long nowNanos) {
                order.add("timer@" + nowNanos);
            }
        };
        InetSocketAddress to = net.attach(node);
        InetSocketAddress from = address(203, 0, 113, 9, 9);
        net.setLink(from, to, LinkConfig.builder().delayNanos(3 * MS).build());
        long due = net.nowNanos() + 3 * MS;
        node.deadlineNanos = due;
        net.inject(from, to, new byte[] {1});
        net.runFor(10 * MS);
        assertThat(order).containsExactly("datagram@" + due, "timer@" + due);
    }

    @Test
    void runForHandlesEventsAtTheBoundAndLeavesLaterOnesQueued() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode receiver = new TestNode("receiver");
        InetSocketAddress to = net.attach(receiver);
        InetSocketAddress from = address(198, 51, 100, 1, 1);
        net.setLink(from, to, LinkConfig.builder().delayNanos(10 * MS).build());
        long start = net.nowNanos();
        net.inject(from, to, new byte[] {1});
        net.inject(from, to, new byte[] {2});

        net.runFor(5 * MS);
        assertThat(net.nowNanos()).isEqualTo(start + 5 * MS);
        assertThat(net.pendingDeliveries()).isEqualTo(2);
        assertThat(receiver.received).isEmpty();

        net.runFor(5 * MS);
        assertThat(net.nowNanos()).isEqualTo(start + 10 * MS);
        assertThat(net.pendingDeliveries()).isZero();
        assertThat(receiver.received).extracting(TestNode.Received::timeNanos)
                .containsExactly(start + 10 * MS, start + 10 * MS);
    }

    @Test
    void runForRejectsANegativeDuration() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        assertThatThrownBy(() -> net.runFor(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("virtualNanos");
    }

    @Test
    void runUntilStopsAtTheFirstStepWhereTheConditionHolds() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode receiver = new TestNode("receiver");
        InetSocketAddress to = net.attach(receiver);
        InetSocketAddress from = address(198, 51, 100, 1, 1);
        net.setLink(from, to, LinkConfig.builder().delayNanos(MS).build());
        long start = net.nowNanos();
        for (int i = 0; i < 5; i++) {
            if (i > 0) {
                net.runFor(MS / 2);
            }
            net.inject(from, to, new byte[] {(byte) i});
        }
        // Now start + 2 ms; deliveries are due at start + 1, 1.5, 2, 2.5 and 3 ms: 3 arrived.
        assertThat(receiver.received).hasSize(3);
        assertThat(net.runUntil(() -> receiver.received.size() == 4, 100 * MS)).isTrue();
        assertThat(net.nowNanos()).isEqualTo(start + 5 * MS / 2);
        assertThat(net.pendingDeliveries()).isEqualTo(1);
    }

    @Test
    void runUntilGivesUpAtTheBoundWithTheClockThere() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode node = new TestNode("slow timer");
        long start = net.nowNanos();
        node.deadlineNanos = start + 50 * MS;
        net.attach(node);
        assertThat(net.runUntil(() -> !node.timerFirings.isEmpty(), 49 * MS)).isFalse();
        assertThat(net.nowNanos()).isEqualTo(start + 49 * MS);
        assertThat(node.timerFirings).isEmpty();
        assertThat(net.runUntil(() -> !node.timerFirings.isEmpty(), MS)).isTrue();
        assertThat(net.nowNanos()).isEqualTo(start + 50 * MS);
    }

    @Test
    void runUntilReturnsFalseWhenNothingIsPendingAndTrueAtOnceIfAlreadyTrue() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        long start = net.nowNanos();
        assertThat(net.runUntil(() -> false, 10 * MS)).isFalse();
        assertThat(net.nowNanos()).isEqualTo(start);
        assertThat(net.runUntil(() -> true, 10 * MS)).isTrue();
    }

    @Test
    void aNodeThatNeverMovesItsPastDeadlineIsReportedByName() {
        SimulatedNetwork net = new SimulatedNetwork(99);
        TestNode stuck = new TestNode("stuck-engine") {
            @Override
            public long nextDeadlineNanos() {
                return 0; // always in the past: handleTimeout never makes progress
            }
        };
        InetSocketAddress at = net.attach(stuck);
        assertThatThrownBy(() -> net.runFor(MS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stuck-engine").hasMessageContaining(at.toString())
                .hasMessageContaining("livelock").hasMessageContaining("seed=99");
    }

    @Test
    void aNodeFiringManyTimesAtOneInstantButMovingOnIsNotALivelock() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode busy = new TestNode("busy") {
            int firings;

            @Override
            void onTimer(long nowNanos) {
                // 500 firings at the same instant, then one nanosecond later: legitimate.
                deadlineNanos = ++firings % 500 == 0 ? nowNanos + 1 : nowNanos;
            }
        };
        busy.deadlineNanos = net.nowNanos();
        net.attach(busy);
        net.runFor(10);
        assertThat(busy.timerFirings).hasSize(11 * 500);
    }

    @Test
    void aNodeThatNeverStopsTransmittingIsReported() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        InetSocketAddress sink = address(192, 0, 2, 1, 1);
        TestNode chatty = new TestNode("chatty") {
            @Override
            public InetSocketAddress pollTransmit(long nowNanos, ByteBuffer out) {
                out.put((byte) 1).flip();
                return sink;
            }
        };
        net.attach(chatty);
        assertThatThrownBy(net::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chatty").hasMessageContaining("pollTransmit");
    }

    @Test
    void aNodeSendingMoreThanTheUdpMaximumIsReported() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode node = new TestNode("oversize");
        net.attach(node);
        node.send(address(192, 0, 2, 1, 1), new byte[65_508]);
        assertThatThrownBy(net::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("oversize").hasMessageContaining("65508");
    }

    @Test
    void zeroDelayEchoNodesThatNeverStopAreReportedInsteadOfHanging() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        EchoNode a = new EchoNode();
        EchoNode b = new EchoNode();
        a.recordReceived = false;
        b.recordReceived = false;
        InetSocketAddress at = net.attach(a);
        InetSocketAddress bt = net.attach(b);
        net.maxEventsAtOneInstant = 100_000; // the real limit, 10,000,000, takes seconds
        net.inject(at, bt, new byte[] {1});
        assertThatThrownBy(() -> net.runFor(MS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("100000 events at one instant without virtual time moving");
        assertThat(a.receivedCount + b.receivedCount).isEqualTo(100_000);
    }

    @Test
    void steppingFromInsideANodeCallbackIsRejected() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode reentrant = new TestNode("reentrant") {
            @Override
            void onTimer(long nowNanos) {
                net.step();
            }
        };
        reentrant.deadlineNanos = net.nowNanos();
        net.attach(reentrant);
        assertThatThrownBy(net::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a node callback");
    }

    @Test
    void injectFromAnUnattachedAddressReachesTheNodeWithThatSource() {
        SimulatedNetwork net = new SimulatedNetwork(5);
        TestNode receiver = new TestNode("receiver");
        InetSocketAddress to = net.attach(receiver);
        InetSocketAddress spoofed = address(6, 6, 6, 6, 666);
        byte[] payload = {1, 2, 3};
        net.inject(spoofed, to, payload);
        payload[0] = 9; // the network took its own copy
        net.step();
        assertThat(receiver.received).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(spoofed);
            assertThat(r.data()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void aFloodFromOneHundredThousandSpoofedSourcesCreatesNoPerSourceLinks() {
        SimulatedNetwork net = new SimulatedNetwork(5);
        TestNode receiver = new TestNode("receiver");
        receiver.recordReceived = false;
        InetSocketAddress to = net.attach(receiver);
        net.setDefaultLink(LinkConfig.builder().delayNanos(MS).build());
        byte[] payload = new byte[40];
        for (int i = 0; i < 100_000; i++) {
            net.inject(address(100, 64 + (i >>> 16), (i >>> 8) & 0xff, i & 0xff, 1024 + i % 1000),
                    to, payload);
        }
        assertThat(net.pendingDeliveries()).isEqualTo(100_000);
        net.runFor(2 * MS);
        assertThat(receiver.receivedCount).isEqualTo(100_000);
        assertThat(net.ownLinkCount()).isZero();
        assertThat(net.totalStats().delivered()).isEqualTo(100_000);
        assertThat(net.totalStats().bytesDelivered()).isEqualTo(4_000_000);
        assertThat(net.stats(address(100, 64, 0, 1, 1025), to)).isEqualTo(LinkStats.ZERO);
    }

    @Test
    void repliesToSpoofedSourcesAreCountedUnroutableWithoutPerDestinationLinks() {
        SimulatedNetwork net = new SimulatedNetwork(5);
        EchoNode server = new EchoNode();
        server.recordReceived = false;
        InetSocketAddress to = net.attach(server);
        for (int i = 0; i < 1_000; i++) {
            net.inject(address(100, 64, i >>> 8, i & 0xff, 7), to, new byte[] {1});
        }
        net.runFor(MS);
        assertThat(net.totalStats().delivered()).isEqualTo(1_000);
        assertThat(net.totalStats().unroutable()).isEqualTo(1_000);
        assertThat(net.ownLinkCount()).isZero();
    }

    @Test
    void injectRejectsADatagramLargerThanTheUdpMaximum() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        InetSocketAddress a = address(192, 0, 2, 1, 1);
        assertThatThrownBy(() -> net.inject(a, a, new byte[65_508]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65508");
    }

    @Test
    void setLinkChangesOnlyItsDirectionAndSetPathChangesBoth() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode a = new TestNode("a");
        TestNode b = new TestNode("b");
        InetSocketAddress at = net.attach(a);
        InetSocketAddress bt = net.attach(b);
        net.setLink(at, bt, LinkConfig.builder().delayNanos(7 * MS).build());
        long start = net.nowNanos();
        a.send(bt, new byte[] {1});
        b.send(at, new byte[] {2});
        net.runFor(20 * MS);
        assertThat(b.received.get(0).timeNanos()).isEqualTo(start + 7 * MS);
        assertThat(a.received.get(0).timeNanos()).isEqualTo(start);

        net.setPath(at, bt, LinkConfig.builder().delayNanos(3 * MS).build());
        long second = net.nowNanos();
        a.send(bt, new byte[] {1});
        b.send(at, new byte[] {2});
        net.runFor(20 * MS);
        assertThat(b.received.get(1).timeNanos()).isEqualTo(second + 3 * MS);
        assertThat(a.received.get(1).timeNanos()).isEqualTo(second + 3 * MS);
        assertThat(net.stats(at, bt).delivered()).isEqualTo(2);
        assertThat(net.stats(bt, at).delivered()).isEqualTo(2);
    }

    @Test
    void theDefaultLinkAppliesToPairsWithoutTheirOwnConfiguration() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode a = new TestNode("a");
        TestNode b = new TestNode("b");
        InetSocketAddress at = net.attach(a);
        InetSocketAddress bt = net.attach(b);
        net.setDefaultLink(LinkConfig.builder().delayNanos(4 * MS).build());
        long start = net.nowNanos();
        a.send(bt, new byte[] {1});
        net.runFor(10 * MS);
        assertThat(b.received.get(0).timeNanos()).isEqualTo(start + 4 * MS);
        assertThat(net.stats(at, bt).sent()).isEqualTo(1);
    }

    @Test
    void datagramsToAnAddressWithNoNodeAreDroppedAndCounted() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        TestNode a = new TestNode("a");
        InetSocketAddress at = net.attach(a);
        InetSocketAddress nowhere = address(192, 0, 2, 200, 1);
        a.send(nowhere, new byte[] {1, 2});
        a.send(nowhere, new byte[] {3});
        net.runFor(MS);
        LinkStats total = net.totalStats();
        assertThat(total.sent()).isEqualTo(2);
        assertThat(total.unroutable()).isEqualTo(2);
        assertThat(total.delivered()).isZero();
        assertThat(net.stats(at, nowhere)).isEqualTo(LinkStats.ZERO);
    }

    @Test
    void aNodeAttachedWhileADatagramIsInFlightReceivesIt() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        InetSocketAddress from = address(198, 51, 100, 1, 1);
        InetSocketAddress to = address(198, 51, 100, 2, 2);
        net.setLink(from, to, LinkConfig.builder().delayNanos(5 * MS).build());
        net.inject(from, to, new byte[] {4});
        net.runFor(MS);
        TestNode late = new TestNode("late");
        net.attach(late, to);
        net.runFor(10 * MS);
        assertThat(late.received).hasSize(1);
    }

    @Test
    void theSameSeedGivesTheSameTraceAndAnotherSeedADifferentOne() {
        List<String> first = trace(1234);
        assertThat(first).hasSizeGreaterThan(1_000);
        assertThat(trace(1234)).isEqualTo(first);
        assertThat(trace(4321)).isNotEqualTo(first);
    }

    /** A ping-pong over a heavily impaired path; returns every delivery as text. */
    private static List<String> trace(long seed) {
        SimulatedNetwork net = new SimulatedNetwork(seed);
        List<String> trace = new ArrayList<>();
        TestNode echo = new EchoNode() {
            @Override
            void onDatagram(long nowNanos, InetSocketAddress from, byte[] data) {
                trace.add("echo " + nowNanos + " " + java.util.Arrays.toString(data));
                super.onDatagram(nowNanos, from, data);
            }
        };
        InetSocketAddress echoAt = net.attach(echo);
        PacedSender sender = new PacedSender(echoAt, MS, 2_000, 16) {
            @Override
            void onDatagram(long nowNanos, InetSocketAddress from, byte[] data) {
                trace.add("sender " + nowNanos + " " + java.util.Arrays.toString(data));
            }
        };
        InetSocketAddress senderAt = net.attach(sender);
        sender.start(net.nowNanos());
        net.setPath(senderAt, echoAt, LinkConfig.builder().delay(Duration.ofMillis(10))
                .jitter(Duration.ofMillis(3)).lossRate(0.05).burstLoss(0.01, 0.3, 0.8)
                .reorder(0.05, Duration.ofMillis(5)).duplicateRate(0.05).corruptRate(0.05)
                .bandwidth(10_000_000, 20_000).build());
        net.runFor(3_000 * MS);
        trace.add(net.totalStats().toString());
        return trace;
    }

    @Test
    void aSimulatedMinuteOfPingPongAtOneMillisecondIntervalsCompletes() {
        SimulatedNetwork net = new SimulatedNetwork(60);
        EchoNode echo = new EchoNode();
        echo.recordReceived = false;
        InetSocketAddress echoAt = net.attach(echo);
        PacedSender pinger = new PacedSender(echoAt, MS, Integer.MAX_VALUE, 32);
        pinger.recordReceived = false;
        InetSocketAddress pingerAt = net.attach(pinger);
        net.setPath(pingerAt, echoAt, LinkConfig.builder().delay(Duration.ofMillis(5)).build());
        pinger.start(net.nowNanos());

        net.runFor(Duration.ofSeconds(60).toNanos());

        // Pings go out at 1 ms, 2 ms, ... 60,000 ms; a pong is back 10 ms after its ping.
        int pings = 60_000;
        int pongs = pings - 10;
        assertThat(pinger.sent).as(net.describe()).isEqualTo(pings);
        assertThat(pinger.receivedCount).as(net.describe()).isEqualTo(pongs);
        assertThat(net.pendingDeliveries()).as(net.describe()).isEqualTo(pings - pongs);
    }

    @Test
    void aPingPongWorksAcrossTheWrapOfTheNanosecondClock() {
        // Offset by 123 ns so no 1 ms tick lands exactly on Long.MAX_VALUE, the NO_DEADLINE
        // sentinel of DatagramEngine (a deadline equal to it means "none" by contract).
        long origin = Long.MAX_VALUE - 50 * MS + 123;
        SimulatedNetwork net = new SimulatedNetwork(8, origin);
        EchoNode echo = new EchoNode();
        InetSocketAddress echoAt = net.attach(echo);
        PacedSender pinger = new PacedSender(echoAt, MS, 100, 16);
        InetSocketAddress pingerAt = net.attach(pinger);
        net.setPath(pingerAt, echoAt, LinkConfig.builder().delay(Duration.ofMillis(2))
                .jitter(Duration.ofMillis(1)).build());
        pinger.start(origin);
        net.runFor(200 * MS);
        assertThat(net.nowNanos()).isEqualTo(origin + 200 * MS).isNegative();
        assertThat(pinger.sent).isEqualTo(100);
        assertThat(pinger.received).hasSize(100);
        for (TestNode.Received r : pinger.received) {
            long rttNanos = r.timeNanos() - PacedSender.sentNanosOf(r.data());
            assertThat(rttNanos).isBetween(2 * MS, 6 * MS);
        }
    }

    @Test
    void describeNamesTheSeedTheVirtualTimeAndTheCounters() {
        SimulatedNetwork net = new SimulatedNetwork(987_654_321L);
        TestNode a = new TestNode("a");
        InetSocketAddress at = net.attach(a);
        a.send(at, new byte[] {1, 2, 3});
        net.runFor(1_500 * MS);
        String text = net.describe();
        assertThat(text).contains("seed=987654321").contains(Long.toString(net.nowNanos()))
                .contains("1.500000000 s").contains("sent=1").contains("delivered=1")
                .contains("bytesDelivered=3").doesNotContain("\n");
        assertThat(net.toString()).isEqualTo(text);
    }

    @Test
    void theDatagramHandedToANodeIsFramedByPositionAndLimit() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        List<String> framing = new ArrayList<>();
        DatagramEngine probe = new TestNode("probe") {
            @Override
            public void handleDatagram(long nowNanos, InetSocketAddress from, ByteBuffer d) {
                framing.add(d.position() + ".." + d.limit());
                super.handleDatagram(nowNanos, from, d);
            }
        };
        InetSocketAddress to = net.attach(probe);
        net.inject(address(192, 0, 2, 1, 1), to, new byte[] {1, 2, 3, 4, 5});
        net.inject(address(192, 0, 2, 1, 1), to, new byte[0]);
        net.runFor(0);
        assertThat(framing).containsExactly("0..5", "0..0");
    }
}
