package io.rudp.core.loss;

import io.rudp.core.congestion.CongestionController;
import io.rudp.core.congestion.RateSample;
import io.rudp.core.congestion.TrackedPacket;
import java.util.ArrayList;
import java.util.List;

/** A congestion controller for tests: a fixed window, and a log of every call. */
final class RecordingController implements CongestionController {

    /** One onPacketsLost call. */
    record Loss(long nowNanos, long newestLostSentTimeNanos, long lostBytes, boolean persistentCongestion) {
    }

    final List<Long> sentSizes = new ArrayList<>();
    final List<Long> ackedPacketNumbers = new ArrayList<>();
    final List<Loss> losses = new ArrayList<>();
    /** One rate sample's values, copied (the detector reuses its sample object). */
    record Sample(boolean valid, long rateBytesPerSecond, long deliveredBytes, long intervalNanos, boolean appLimited,
                  long rttNanos, long ackedBytes, long lostBytes, long priorInFlight, long inFlight, long totalDelivered) {
    }

    /** Every rate sample, in order. */
    final List<Sample> samples = new ArrayList<>();
    /** Bytes in flight at each onAppLimited call. */
    final List<Long> appLimitedAt = new ArrayList<>();
    /** "sent", "acked" and "lost" in call order. */
    final List<String> calls = new ArrayList<>();

    @Override
    public long congestionWindowBytes() {
        return 12_000;
    }

    @Override
    public long pacingRateBytesPerSecond() {
        return UNPACED;
    }

    @Override
    public void onPacketSent(long nowNanos, int sizeBytes) {
        sentSizes.add((long) sizeBytes);
        calls.add("sent");
    }

    @Override
    public void onPacketAcked(long nowNanos, TrackedPacket packet) {
        ackedPacketNumbers.add(packet.packetNumber());
        calls.add("acked");
    }

    @Override
    public void onPacketsLost(long nowNanos, long newestLostSentTimeNanos, long lostBytes, boolean persistentCongestion) {
        losses.add(new Loss(nowNanos, newestLostSentTimeNanos, lostBytes, persistentCongestion));
        calls.add("lost");
    }

    @Override
    public void onAckProcessed(long nowNanos, RateSample sample) {
        samples.add(new Sample(sample.isRateValid(), sample.deliveryRateBytesPerSecond(), sample.deliveredBytes(),
                sample.intervalNanos(), sample.isAppLimited(), sample.rttNanos(), sample.newlyAckedBytes(),
                sample.newlyLostBytes(), sample.priorBytesInFlight(), sample.bytesInFlight(),
                sample.totalDeliveredBytes()));
    }

    @Override
    public void onAppLimited(long nowNanos, long bytesInFlight) {
        appLimitedAt.add(bytesInFlight);
    }

    @Override
    public String name() {
        return "recording";
    }
}
