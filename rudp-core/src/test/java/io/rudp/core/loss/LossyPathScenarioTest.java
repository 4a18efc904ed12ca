package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ack.ReceivedPacketTracker;
import io.rudp.core.congestion.NewRenoController;
import io.rudp.core.path.RttEstimator;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sender's loss detector and a receiver's packet tracker, joined by a seeded path that loses one
 * packet in fifty and one ACK in fifty, with a fixed 50 ms one-way delay, stepped through virtual
 * time one millisecond at a time.
 */
class LossyPathScenarioTest {

    private static final long MS = 1_000_000;
    private static final long ONE_WAY = 50 * MS;
    private static final int PACKETS = 1000;

    private record InTransit(long arrivalNanos, long packetNumber, long[] ranges, long ackDelayNanos) {
    }

    @Test
    void senderAndReceiverAgreeOnWhatArrivedOverALossyPath() {
        Random random = new Random(42);
        RttEstimator rtt = new RttEstimator(333 * MS);
        NewRenoController cc = new NewRenoController(1200, rtt);
        LossDetector sender = new LossDetector(rtt, cc, 25 * MS, MS, 60_000 * MS);
        ReceivedPacketTracker receiver = new ReceivedPacketTracker(32, 25 * MS, 2);
        Set<Long> received = new HashSet<>();
        Set<Long> acked = new HashSet<>();
        Set<Long> lost = new HashSet<>();
        LossDetector.Listener listener = new LossDetector.Listener() {
            @Override
            public void onPacketAcked(SentPacket p) {
                assertThat(acked.add(p.packetNumber)).isTrue();
            }

            @Override
            public void onPacketLost(SentPacket p) {
                assertThat(lost.add(p.packetNumber)).isTrue();
            }
        };
        ArrayDeque<InTransit> toReceiver = new ArrayDeque<>();
        ArrayDeque<InTransit> toSender = new ArrayDeque<>();
        long[] rangeBuffer = new long[64];
        long nextPn = 0;
        int probes = 0;

        for (long now = 0; now < 30_000 * MS; now += MS) {
            // The sender sends one packet per millisecond while the window allows.
            if (nextPn < PACKETS && sender.bytesInFlight() + 1200 <= cc.congestionWindowBytes()) {
                sender.onPacketSent(new SentPacket(nextPn, now, 1200, true, true));
                if (random.nextInt(50) != 0) {
                    toReceiver.add(new InTransit(now + ONE_WAY, nextPn, null, 0));
                }
                nextPn++;
            }
            while (!toReceiver.isEmpty() && toReceiver.peek().arrivalNanos() - now <= 0) {
                long pn = toReceiver.poll().packetNumber();
                if (!receiver.isDuplicate(pn)) {
                    receiver.onPacketReceived(now, pn, true);
                    received.add(pn);
                }
            }
            long ackDeadline = receiver.ackDeadlineNanos();
            if (ackDeadline != Long.MAX_VALUE && ackDeadline - now <= 0) {
                int count = receiver.fillRanges(rangeBuffer);
                long ackDelay = receiver.ackDelayNanos(now);
                receiver.onAckSent(now);
                if (random.nextInt(50) != 0) {
                    toSender.add(new InTransit(now + ONE_WAY, -1, Arrays.copyOf(rangeBuffer, 2 * count), ackDelay));
                }
            }
            while (!toSender.isEmpty() && toSender.peek().arrivalNanos() - now <= 0) {
                InTransit ack = toSender.poll();
                sender.onAckReceived(now, ack.ranges(), ack.ranges().length / 2, ack.ackDelayNanos(), listener);
                assertThat(sender.largestAckedPacketNumber()).isLessThanOrEqualTo(sender.largestSentPacketNumber());
            }
            long deadline = sender.deadlineNanos();
            if (deadline != Long.MAX_VALUE && deadline - now <= 0 && sender.onTimeout(now, listener)) {
                // A probe: a new packet, always delivered, so the exchange moves on.
                sender.onPacketSent(new SentPacket(nextPn, now, 1200, true, true));
                toReceiver.add(new InTransit(now + ONE_WAY, nextPn, null, 0));
                nextPn++;
                probes++;
            }
        }

        assertThat(nextPn).isGreaterThanOrEqualTo(PACKETS);
        assertThat(acked.size() + lost.size()).isEqualTo(nextPn);
        assertThat(sender.packetsInFlight()).isZero();
        assertThat(sender.bytesInFlight()).isZero();
        assertThat(received).containsAll(acked);
        // Every packet that never arrived was declared lost, and no packet that arrived was.
        Set<Long> neverArrived = new HashSet<>();
        for (long pn = 0; pn < nextPn; pn++) {
            if (!received.contains(pn)) {
                neverArrived.add(pn);
            }
        }
        assertThat(neverArrived).isNotEmpty();
        assertThat(lost).isEqualTo(neverArrived);
        // The path's RTT is 100 ms; acknowledgement delay is subtracted, so the estimate stays close.
        assertThat(rtt.minRttNanos()).isGreaterThanOrEqualTo(100 * MS);
        assertThat(rtt.smoothedRttNanos()).isBetween(100 * MS, 126 * MS);
        assertThat(sender.packetsLostTotal()).isEqualTo(lost.size());
        assertThat(cc.congestionWindowBytes()).isGreaterThanOrEqualTo(cc.minimumWindowBytes());
        assertThat(probes).isLessThan(10);
    }
}
