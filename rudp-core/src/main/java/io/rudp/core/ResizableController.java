package io.rudp.core;

import io.rudp.core.congestion.CongestionController;
import io.rudp.core.congestion.RateSample;
import io.rudp.core.congestion.TrackedPacket;
import java.util.function.IntFunction;

/**
 * A congestion controller whose datagram size can change during the connection (path MTU
 * discovery raising the packet size, or a black hole lowering it): it delegates to a controller
 * made for the current size and makes a fresh one when the size changes. The windows, minimum
 * window, pacing burst and BBR's send quantum all count in datagrams (RFC 9002 §7.2), so a
 * controller made for 1,200 bytes could hold a window smaller than one 8,972-byte packet and
 * never let it go. The fresh controller starts from its initial window (a slow start or STARTUP
 * again), which a size change, rare by design, costs; the loss detector keeps the packets in
 * flight and their accounting.
 */
final class ResizableController implements CongestionController {

    private final IntFunction<CongestionController> factory;
    private CongestionController delegate;
    private int datagramBytes;

    /**
     * @param factory makes a controller for a datagram size
     * @param datagramBytes the size to start with
     */
    ResizableController(IntFunction<CongestionController> factory, int datagramBytes) {
        this.factory = factory;
        this.datagramBytes = datagramBytes;
        this.delegate = factory.apply(datagramBytes);
    }

    /** Makes a fresh controller if {@code bytes} differs from the current datagram size. */
    void resize(int bytes) {
        if (bytes != datagramBytes) {
            datagramBytes = bytes;
            delegate = factory.apply(bytes);
        }
    }

    /** The datagram size the current controller counts in. */
    int datagramBytes() {
        return datagramBytes;
    }

    @Override
    public long congestionWindowBytes() {
        return delegate.congestionWindowBytes();
    }

    @Override
    public long pacingRateBytesPerSecond() {
        return delegate.pacingRateBytesPerSecond();
    }

    @Override
    public void onPacketSent(long nowNanos, int sizeBytes) {
        delegate.onPacketSent(nowNanos, sizeBytes);
    }

    @Override
    public void onPacketAcked(long nowNanos, TrackedPacket packet) {
        delegate.onPacketAcked(nowNanos, packet);
    }

    @Override
    public void onPacketsLost(long nowNanos, long newestLostSentTimeNanos, long lostBytes, boolean persistentCongestion) {
        delegate.onPacketsLost(nowNanos, newestLostSentTimeNanos, lostBytes, persistentCongestion);
    }

    @Override
    public void onAckProcessed(long nowNanos, RateSample sample) {
        delegate.onAckProcessed(nowNanos, sample);
    }

    @Override
    public void onAppLimited(long nowNanos, long bytesInFlight) {
        delegate.onAppLimited(nowNanos, bytesInFlight);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String toString() {
        return delegate + " (resizable, " + datagramBytes + "-byte datagrams)";
    }
}
