package io.rudp.core.loss;

import java.util.ArrayList;
import java.util.List;

/** A loss detector listener for tests: records packet numbers, acknowledged and lost. */
final class RecordingListener implements LossDetector.Listener {

    final List<Long> acked = new ArrayList<>();
    final List<Long> lost = new ArrayList<>();
    /** "A<pn>" and "L<pn>" in call order. */
    final List<String> events = new ArrayList<>();

    @Override
    public void onPacketAcked(SentPacket p) {
        acked.add(p.packetNumber);
        events.add("A" + p.packetNumber);
    }

    @Override
    public void onPacketLost(SentPacket p) {
        lost.add(p.packetNumber);
        events.add("L" + p.packetNumber);
    }

    /** Spurious losses each acknowledgement reported, in call order. */
    final List<Integer> spurious = new ArrayList<>();

    @Override
    public void onSpuriousLosses(int packets) {
        spurious.add(packets);
        events.add("S" + packets);
    }

    void clear() {
        spurious.clear();
        acked.clear();
        lost.clear();
        events.clear();
    }
}
