package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.path.RttEstimator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sent-packet record pool, alone and as the loss detector uses it. */
class SentPacketPoolTest {

    private static final long MS = 1_000_000;

    @Test
    void aReleasedRecordIsReusedWithEveryFieldReset() {
        SentPacketPool pool = new SentPacketPool(4);
        SentPacket first = pool.acquire(7, 100, 1200, true, true);
        first.streamOffset = 5_000;
        first.streamLength = 1_000;
        first.streamFin = true;
        first.maxData = 9;
        first.dataBlocked = 8;
        first.handshakeDone = true;
        first.ping = true;
        first.largestAckedInAck = 3;
        first.deliveredBytes = 77;
        first.deliveredTimeNanos = 66;
        first.firstSentTimeNanos = 55;
        first.appLimited = true;
        first.pmtuProbe = true;
        pool.release(first);
        assertThat(pool.spareCount()).isEqualTo(1);

        SentPacket again = pool.acquire(8, 200, 900, false, true);

        assertThat(again).isSameAs(first);
        assertThat(pool.createdCount()).isEqualTo(1);
        assertThat(again.packetNumber).isEqualTo(8);
        assertThat(again.sentTimeNanos).isEqualTo(200);
        assertThat(again.sizeBytes).isEqualTo(900);
        assertThat(again.ackEliciting).isFalse();
        assertThat(again.inFlight).isTrue();
        SentPacket fresh = new SentPacket(8, 200, 900, false, true);
        assertThat(again).usingRecursiveComparison().ignoringFields("pooled", "inUse").isEqualTo(fresh);
    }

    @Test
    void keepsNoMoreSpareRecordsThanItsBound() {
        SentPacketPool pool = new SentPacketPool(3);
        List<SentPacket> taken = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            taken.add(pool.acquire(i, i, 100, true, true));
        }
        taken.forEach(pool::release);

        assertThat(pool.spareCount()).isEqualTo(3);
        assertThat(pool.createdCount()).isEqualTo(10);
        for (int i = 0; i < 5; i++) {
            pool.acquire(100 + i, 0, 100, true, true);
        }
        assertThat(pool.spareCount()).isZero();
        assertThat(pool.createdCount()).isEqualTo(12);
        assertThatThrownBy(() -> new SentPacketPool(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ignoresRecordsItDidNotMakeAndSecondReleases() {
        SentPacketPool pool = new SentPacketPool(8);
        SentPacket own = new SentPacket(1, 0, 100, true, true);
        pool.release(own);
        assertThat(pool.spareCount()).isZero();

        SentPacket pooled = pool.acquire(2, 0, 100, true, true);
        pool.release(pooled);
        pool.release(pooled);

        assertThat(pool.spareCount()).as("released once, kept once").isEqualTo(1);
        SentPacket a = pool.acquire(3, 0, 100, true, true);
        SentPacket b = pool.acquire(4, 0, 100, true, true);
        assertThat(a).isNotSameAs(b);
    }

    @Test
    void theDetectorRecyclesRecordsOnlyAfterTheListenerWasToldAndAfterDiscarding() {
        RttEstimator rtt = new RttEstimator(100 * MS);
        LossDetector detector = new LossDetector(rtt, new RecordingController(), 25 * MS, MS, 60_000 * MS);
        List<String> seen = new ArrayList<>();
        LossDetector.Listener listener = new LossDetector.Listener() {
            @Override
            public void onPacketAcked(SentPacket p) {
                seen.add("A" + p.packetNumber + "@" + p.streamOffset);
            }

            @Override
            public void onPacketLost(SentPacket p) {
                seen.add("L" + p.packetNumber + "@" + p.streamOffset);
            }
        };
        // A long transfer: 10,000 packets, each acknowledged a few packets later, every 50th lost.
        long now = 0;
        int acked = 0;
        for (long pn = 0; pn < 10_000; pn++) {
            SentPacket p = detector.newSentPacket(pn, now, 1200, true, true);
            p.streamOffset = pn * 1000;
            detector.onPacketSent(p);
            now += MS / 10;
            long ackUpTo = pn - 4;
            if (ackUpTo >= 0 && ackUpTo % 50 != 0) {
                detector.onAckReceived(now, new long[] {ackUpTo, ackUpTo}, 1, 0, listener);
                acked++;
            }
        }
        // Every callback saw the packet's own content: nothing was recycled under the listener.
        assertThat(seen).filteredOn(s -> s.startsWith("A")).hasSize(acked)
                .allSatisfy(s -> assertThat(s.substring(1, s.indexOf('@')) + "000")
                        .isEqualTo(s.substring(s.indexOf('@') + 1)));
        assertThat(seen).filteredOn(s -> s.startsWith("L")).isNotEmpty()
                .allSatisfy(s -> assertThat(s).endsWith("@" + Long.parseLong(s.substring(1, s.indexOf('@'))) * 1000));
        assertThat(detector.pool().createdCount()).as("records reused, not made per packet").isLessThan(100);

        int inFlight = detector.packetsInFlight();
        detector.discardAll();
        assertThat(detector.pool().spareCount()).isGreaterThanOrEqualTo(Math.min(inFlight, LossDetector.MAX_SPARE_RECORDS));
    }
}
