package io.rudp.core.recovery;

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
    /** "sent", "acked" and "lost" in call order. */
    final List<String> calls = new ArrayList<>();

    @Override
    public long congestionWindowBytes() {
        return 12_000;
    }

    @Override
    public void onPacketSent(long nowNanos, int sizeBytes) {
        sentSizes.add((long) sizeBytes);
        calls.add("sent");
    }

    @Override
    public void onPacketAcked(long nowNanos, SentPacket packet) {
        ackedPacketNumbers.add(packet.packetNumber);
        calls.add("acked");
    }

    @Override
    public void onPacketsLost(long nowNanos, long newestLostSentTimeNanos, long lostBytes, boolean persistentCongestion) {
        losses.add(new Loss(nowNanos, newestLostSentTimeNanos, lostBytes, persistentCongestion));
        calls.add("lost");
    }

    @Override
    public String name() {
        return "recording";
    }
}
