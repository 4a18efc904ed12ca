package io.rudp.core.congestion;

import io.rudp.core.path.RttEstimator;
import io.rudp.core.util.Durations;
import java.util.Objects;

/**
 * A model-based congestion controller in the manner of BBR (Cardwell et al., "BBR: Congestion-
 * Based Congestion Control", and draft-cardwell-iccrg-bbr-congestion-control-00): it estimates the
 * bottleneck bandwidth (the largest delivery rate over the last {@value #BANDWIDTH_WINDOW_ROUNDS}
 * round trips) and the round-trip propagation time (the smallest RTT over the last 10 s), paces
 * at a gain times the bandwidth and caps the data in flight at a gain times their product, the
 * bandwidth-delay product (BDP).
 *
 * <p>Modes: STARTUP (gain 2/ln 2, until the bandwidth stops growing by 25% for three rounds),
 * DRAIN (the inverse gain, until in flight is down to one BDP), PROBE_BW (pacing gains cycling
 * 1.25, 0.75, then 1 six times, one minimum RTT each), and PROBE_RTT (in flight cut to four
 * datagrams for 200 ms and a round, when the minimum RTT was not seen again for 10 s).
 *
 * <p>Random loss does not lower its rate: the model does not read loss as congestion. Congestive
 * loss does bound it ({@link InflightBound}, after the BBRv2 idea of an upper bound on in-flight
 * data): a round that lost more than {@value #HEAVY_LOSS_RATE} of its data, or more than
 * {@value #QUEUE_LOSS_RATE} over a standing queue, or persistent congestion (RFC 9002 §7.6), caps
 * in flight at 0.7 times what was in flight; the cap grows back by 1, 2, 4 ... datagrams per round
 * while it limits. A sender flooding a saturated queue backs off; a lossy, empty path is used fully.
 *
 * <p>Random loss that the path alone explains (rounds without congestion or a standing queue)
 * is added back to the bandwidth estimate, up to {@value #MAX_LOSS_COMPENSATION}: the bottleneck
 * carried the lost packets too, and pacing at the delivered rate alone would leave that share of it
 * idle.
 *
 * <p>The window also keeps room for aggregated ACKs ({@link AckAggregation}, as Linux BBR does).
 *
 * <p>Deliberately left out: BBR's packet conservation during recovery (it cuts the window on
 * random loss) and its restart-from-idle pacing. Not thread-safe.
 */
public final class BbrController implements CongestionController {

    /** Where the controller is in its cycle. */
    public enum Mode { STARTUP, DRAIN, PROBE_BW, PROBE_RTT }

    /** STARTUP's pacing and window gain, 2/ln 2: the smallest that doubles delivery each round. */
    public static final double STARTUP_GAIN = 2 / Math.log(2);
    /** DRAIN's pacing gain: drains in one round the queue STARTUP built. */
    public static final double DRAIN_GAIN = 1 / STARTUP_GAIN;
    /** PROBE_BW's window gain: room for the probing phase and for delayed, aggregated ACKs. */
    public static final double PROBE_BW_WINDOW_GAIN = 2.0;
    /** PROBE_BW's pacing gains, one phase per minimum RTT. */
    static final double[] PROBE_BW_PACING_GAINS = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
    /** The bandwidth filter's length, in round trips. */
    public static final int BANDWIDTH_WINDOW_ROUNDS = 10;
    /** The minimum RTT filter's length. */
    public static final long MIN_RTT_WINDOW_NANOS = 10_000_000_000L;
    /** How long PROBE_RTT holds the small window (at least a round as well). */
    public static final long PROBE_RTT_DURATION_NANOS = 200_000_000L;
    /** The window during PROBE_RTT, and the minimum window, in datagrams. */
    public static final int MIN_WINDOW_DATAGRAMS = 4;
    /** STARTUP ends once the bandwidth grew less than this factor for {@value #FULL_BANDWIDTH_ROUNDS} rounds. */
    static final double FULL_BANDWIDTH_GROWTH = 1.25;
    static final int FULL_BANDWIDTH_ROUNDS = 3;
    /** A round that lost more than this fraction of its data is congestion, whatever the RTT said. */
    public static final double HEAVY_LOSS_RATE = 0.2;
    /**
     * A round that lost more than this fraction while a queue stood all round (its smallest RTT
     * at least {@value #STANDING_QUEUE_RTT_FACTOR} x the minimum) is congestion: random loss does
     * not come with a standing queue, a saturated bottleneck does.
     */
    public static final double QUEUE_LOSS_RATE = 0.02;
    /** A round whose smallest RTT sample is this factor above the minimum RTT had a standing queue. */
    public static final double STANDING_QUEUE_RTT_FACTOR = 1.25;
    /**
     * The most random loss the bandwidth estimate compensates for: delivery-rate samples are
     * divided by {@code 1 - min(random loss, this)}.
     */
    public static final double MAX_LOSS_COMPENSATION = 0.1;
    /** Send quanta added to the window, so bursts of the pacer do not starve the pipe. */
    static final int WINDOW_QUANTA = 3;

    private static final long MAX_QUANTUM_BYTES = 64 * 1024;
    /** RFC 9002 §7.2: the initial window is capped at max(14720, 2 * max_datagram_size). */

    private final int maxDatagramBytes;
    private final RttEstimator rtt;
    private final long minimumWindowBytes;
    private final long initialWindowBytes;
    private final WindowedMaxFilter bandwidth = new WindowedMaxFilter(BANDWIDTH_WINDOW_ROUNDS);
    private final AckAggregation ackAggregation = new AckAggregation(BANDWIDTH_WINDOW_ROUNDS);
    private final InflightBound inflightBound;
    private long cycleRandom;

    private Mode mode = Mode.STARTUP;
    private double pacingGain = STARTUP_GAIN;
    private double windowGain = STARTUP_GAIN;
    private long windowBytes;
    private long pacingRateBytesPerSecond;

    private long roundCount;
    private long nextRoundDeliveredBytes;
    private boolean roundStart;

    private boolean minRttKnown;
    private long minRttNanos;
    private long minRttStampNanos;
    /**
     * Persistent congestion (or an outage, which looks the same) drained the path: the next RTT
     * sample is a fresh minimum, taken with a new stamp instead of starting PROBE_RTT.
     */
    private boolean minRttRefreshPending;

    private boolean filledPipe;
    private long fullBandwidth;
    private int fullBandwidthRounds;

    private int cycleIndex;
    private long cycleStampNanos;
    private boolean lossInPhase;

    private boolean probeRttDoneKnown;
    private long probeRttDoneNanos;
    private boolean probeRttRoundDone;
    private long priorWindowBytes;

    /** Samples of packets sent before the delivered count passed this are app-limited (PROBE_RTT). */
    private long probeRttAppLimitedUntilBytes = -1;

    /**
     * Creates a controller in STARTUP.
     *
     * @param maxDatagramBytes the maximum datagram size, in bytes; positive
     * @param rtt the connection's RTT estimator, read for the pacing rate before any bandwidth sample
     * @param seed chooses the phase PROBE_BW starts in (any value; BBR draws it at random so that
     *     flows sharing a bottleneck do not probe in step)
     * @throws IllegalArgumentException if {@code maxDatagramBytes} is not positive
     */
    public BbrController(int maxDatagramBytes, RttEstimator rtt, long seed) {
        if (maxDatagramBytes <= 0) {
            throw new IllegalArgumentException("maxDatagramBytes must be positive: " + maxDatagramBytes);
        }
        this.maxDatagramBytes = maxDatagramBytes;
        this.rtt = Objects.requireNonNull(rtt, "rtt");
        this.cycleRandom = seed;
        this.minimumWindowBytes = (long) MIN_WINDOW_DATAGRAMS * maxDatagramBytes;
        // RFC 9002 §7.2's initial window, but never below BBR's own minimum.
        this.initialWindowBytes = Math.max(minimumWindowBytes, Windows.initialWindowBytes(maxDatagramBytes));
        this.windowBytes = initialWindowBytes;
        this.inflightBound = new InflightBound(maxDatagramBytes, minimumWindowBytes);
    }

    @Override
    public long congestionWindowBytes() {
        return Math.max(minimumWindowBytes, Math.min(windowBytes, inflightBound.boundBytes()));
    }

    /** Pacing gain times the bandwidth; before any sample, STARTUP's gain times the initial window per smoothed RTT. */
    @Override
    public long pacingRateBytesPerSecond() {
        if (pacingRateBytesPerSecond > 0) {
            return pacingRateBytesPerSecond;
        }
        long initial = initialPacingRate();
        return initial > 0 ? initial : UNPACED;
    }

    /** The current mode. */
    public Mode mode() { return mode; }

    /** The bottleneck bandwidth estimate in bytes per second; 0 before any sample. */
    public long bottleneckBandwidthBytesPerSecond() { return bandwidth.best(); }

    /** The minimum RTT estimate; 0 before any sample. */
    public long minRttNanos() { return minRttKnown ? minRttNanos : 0; }

    /** The bandwidth-delay product estimate in bytes; 0 before both estimates exist. */
    public long bdpBytes() {
        return bdp(1.0);
    }

    /** The pacing gain in force. */
    public double pacingGain() { return pacingGain; }

    /** The window gain in force. */
    public double windowGain() { return windowGain; }

    /** Round trips counted so far. */
    public long roundCount() { return roundCount; }

    /** Whether STARTUP found the bottleneck full. */
    public boolean isPipeFilled() { return filledPipe; }

    /** PROBE_BW's phase, an index into its gain cycle. */
    public int cycleIndex() { return cycleIndex; }

    /** The extra window kept for aggregated ACKs, in bytes (the largest excess of the last rounds). */
    public long ackAggregationBytes() { return ackAggregation.extraBytes(); }

    /** The in-flight cap heavy loss imposed; {@link Long#MAX_VALUE} when there is none. */
    public long inflightBoundBytes() { return inflightBound.boundBytes(); }

    /** Nothing to do: BBR acts once per acknowledgement, on its rate sample. */
    @Override
    public void onPacketSent(long nowNanos, int sizeBytes) {
        // The model needs no per-send state beyond what the delivery-rate estimator stamps.
    }

    /** Nothing to do: BBR acts once per acknowledgement, on its rate sample. */
    @Override
    public void onPacketAcked(long nowNanos, TrackedPacket packet) {
        // See onAckProcessed.
    }

    @Override
    public void onPacketsLost(long nowNanos, long newestLostSentTimeNanos, long lostBytes, boolean persistentCongestion) {
        inflightBound.onLoss(lostBytes);
        lossInPhase |= lostBytes > 0;
        if (persistentCongestion) {
            // RFC 9002 §7.6.2: persistent congestion collapses the window; here, the in-flight cap.
            inflightBound.onPersistentCongestion();
            filledPipe = true;
            // Nothing was delivered for over three probe timeouts, so no queue is left: the next
            // sample measures the bare path, and a PROBE_RTT to drain a queue would only hold
            // the window at four datagrams for 200 ms after an outage (Linux BBR likewise skips
            // PROBE_RTT when restarting from idle). RFC 9002 §5.2 resets min_rtt the same way.
            minRttRefreshPending = true;
        }
    }

    /** Nothing to do: the rate sample carries the app-limited mark (BBR keeps app-limited samples out of its max). */
    @Override
    public void onAppLimited(long nowNanos, long bytesInFlight) {
        // See updateBandwidth.
    }

    @Override
    public void onAckProcessed(long nowNanos, RateSample sample) {
        inflightBound.onAck(sample.newlyAckedBytes(), sample.priorBytesInFlight(), sample.rttNanos());
        updateRound(sample);
        updateBandwidth(sample);
        ackAggregation.onAck(nowNanos, sample.newlyAckedBytes(), bandwidth.best(), windowBytes, roundCount);
        checkFullPipe(sample);
        boolean minRttExpired = updateMinRtt(nowNanos, sample.rttNanos());
        updateMode(nowNanos, sample, minRttExpired);
        lossInPhase &= mode == Mode.PROBE_BW;
        updatePacingRate();
        updateWindow(sample);
    }

    @Override
    public String name() {
        return "BBR";
    }

    // ---------------------------------------------------------------- the model

    /** A round trip ends when a packet sent after the previous round ended is acknowledged. */
    private void updateRound(RateSample sample) {
        roundStart = false;
        if (sample.rttNanos() >= 0 && sample.priorDeliveredBytes() >= nextRoundDeliveredBytes) {
            nextRoundDeliveredBytes = sample.totalDeliveredBytes();
            roundCount++;
            roundStart = true;
            if (inflightBound.onRoundEnd(minRttKnown ? minRttNanos : 0)) {
                filledPipe = true; // congestive loss also ends STARTUP: the queue is full
            }
        }
    }


    /** The bandwidth filter takes every sample except app-limited ones below the current estimate. */
    private void updateBandwidth(RateSample sample) {
        if (!sample.isRateValid()) {
            return;
        }
        // Random loss after the bottleneck takes its share of what the bottleneck carried: the
        // delivery rate is (1 - p) x the bottleneck's, and pacing at it would leave p of the
        // bottleneck idle ((1 - p)^2 x capacity of goodput). So the sample is scaled back up by the
        // loss random loss alone explains (no congestion, no standing queue), at most
        // MAX_LOSS_COMPENSATION; a queue that builds from it turns the compensation off.
        double randomLoss = Math.min(inflightBound.randomLossFraction(), MAX_LOSS_COMPENSATION);
        long rate = (long) (sample.deliveryRateBytesPerSecond() / (1 - randomLoss));
        // PROBE_RTT's small window says nothing about the path: its samples count as app-limited.
        boolean appLimited = sample.isAppLimited() || sample.priorDeliveredBytes() <= probeRttAppLimitedUntilBytes;
        if (!appLimited || rate >= bandwidth.best()) {
            bandwidth.update(rate, roundCount);
        }
    }


    /** STARTUP is done once three rounds in a row grew the bandwidth by less than 25%. */
    private void checkFullPipe(RateSample sample) {
        if (filledPipe || !roundStart || sample.isAppLimited()) {
            return;
        }
        long bw = bandwidth.best();
        if (bw >= FULL_BANDWIDTH_GROWTH * fullBandwidth) {
            fullBandwidth = bw;
            fullBandwidthRounds = 0;
            return;
        }
        if (++fullBandwidthRounds >= FULL_BANDWIDTH_ROUNDS) {
            filledPipe = true;
        }
    }

    /** Takes an RTT sample; returns whether the minimum had expired (then PROBE_RTT is due). */
    private boolean updateMinRtt(long nowNanos, long rttNanos) {
        if (minRttRefreshPending && rttNanos >= 0) {
            minRttRefreshPending = false;
            minRttKnown = true;
            minRttNanos = rttNanos;
            minRttStampNanos = nowNanos;
            return false;
        }
        boolean expired = minRttKnown && nowNanos - minRttStampNanos > MIN_RTT_WINDOW_NANOS;
        if (rttNanos >= 0 && (!minRttKnown || rttNanos <= minRttNanos || expired)) {
            minRttKnown = true;
            minRttNanos = rttNanos;
            minRttStampNanos = nowNanos;
        }
        return expired;
    }

    private void updateMode(long nowNanos, RateSample sample, boolean minRttExpired) {
        if (mode == Mode.STARTUP && filledPipe) {
            setMode(Mode.DRAIN, DRAIN_GAIN, STARTUP_GAIN);
        }
        if (mode == Mode.DRAIN && sample.bytesInFlight() <= bdp(1.0)) {
            enterProbeBw(nowNanos);
        }
        if (mode == Mode.PROBE_BW && isNextPhaseDue(nowNanos, sample)) {
            advancePhase(nowNanos);
        }
        if (mode != Mode.PROBE_RTT && minRttExpired) {
            priorWindowBytes = Math.max(priorWindowBytes, windowBytes);
            probeRttDoneKnown = false;
            setMode(Mode.PROBE_RTT, 1.0, 1.0);
        }
        if (mode != Mode.PROBE_RTT && probeRttAppLimitedUntilBytes >= 0
                && sample.totalDeliveredBytes() > probeRttAppLimitedUntilBytes) {
            probeRttAppLimitedUntilBytes = -1; // everything PROBE_RTT sent was delivered
        }
        if (mode == Mode.PROBE_RTT) {
            handleProbeRtt(nowNanos, sample);
        }
    }

    /** PROBE_BW: each phase lasts a minimum RTT; probing up also ends on loss or a full pipe, down on an empty queue. */
    private boolean isNextPhaseDue(long nowNanos, RateSample sample) {
        boolean fullLength = nowNanos - cycleStampNanos > minRttNanos;
        if (pacingGain > 1) {
            return fullLength && (lossInPhase || sample.priorBytesInFlight() >= bdp(pacingGain));
        }
        if (pacingGain < 1) {
            return fullLength || sample.priorBytesInFlight() <= bdp(1.0);
        }
        return fullLength;
    }

    private void enterProbeBw(long nowNanos) {
        // Start in any phase but the draining one (0.75), chosen by a deterministic generator.
        cycleRandom = cycleRandom * 6364136223846793005L + 1442695040888963407L;
        int start = (int) Math.floorMod(cycleRandom >>> 33, (long) (PROBE_BW_PACING_GAINS.length - 1));
        cycleIndex = start == 0 ? 0 : start + 1;
        cycleStampNanos = nowNanos;
        lossInPhase = false;
        setMode(Mode.PROBE_BW, PROBE_BW_PACING_GAINS[cycleIndex], PROBE_BW_WINDOW_GAIN);
    }

    private void advancePhase(long nowNanos) {
        cycleIndex = (cycleIndex + 1) % PROBE_BW_PACING_GAINS.length;
        cycleStampNanos = nowNanos;
        lossInPhase = false;
        pacingGain = PROBE_BW_PACING_GAINS[cycleIndex];
    }

    /** PROBE_RTT: hold four datagrams for 200 ms and one round, then go back with the old window. */
    private void handleProbeRtt(long nowNanos, RateSample sample) {
        probeRttAppLimitedUntilBytes = Math.max(probeRttAppLimitedUntilBytes,
                Durations.add(sample.totalDeliveredBytes(), Math.max(sample.bytesInFlight(), 1)));
        if (!probeRttDoneKnown && sample.bytesInFlight() <= minimumWindowBytes) {
            probeRttDoneKnown = true;
            probeRttDoneNanos = nowNanos + PROBE_RTT_DURATION_NANOS;
            probeRttRoundDone = false;
            nextRoundDeliveredBytes = sample.totalDeliveredBytes();
            return;
        }
        if (probeRttDoneKnown) {
            probeRttRoundDone |= roundStart;
            if (probeRttRoundDone && nowNanos - probeRttDoneNanos > 0) {
                minRttStampNanos = nowNanos;
                windowBytes = Math.max(windowBytes, priorWindowBytes);
                priorWindowBytes = 0;
                if (filledPipe) {
                    enterProbeBw(nowNanos);
                } else {
                    setMode(Mode.STARTUP, STARTUP_GAIN, STARTUP_GAIN);
                }
            }
        }
    }

    private void setMode(Mode next, double nextPacingGain, double nextWindowGain) {
        mode = next;
        pacingGain = nextPacingGain;
        windowGain = nextWindowGain;
    }

    /**
     * Pacing gain times bandwidth. Until the pipe is full the rate only rises, from STARTUP's gain
     * times the initial window per RTT: early samples (a lone handshake packet, say) measure the
     * application, not the path, and must not stall STARTUP.
     */
    private void updatePacingRate() {
        long bw = bandwidth.best();
        if (bw <= 0) {
            return;
        }
        long rate = WindowPacing.clampRate(pacingGain * bw);
        if (filledPipe) {
            pacingRateBytesPerSecond = rate;
            return;
        }
        long floor = pacingRateBytesPerSecond > 0 ? pacingRateBytesPerSecond : initialPacingRate();
        pacingRateBytesPerSecond = Math.max(rate, floor);
    }

    /** STARTUP's gain times the initial window per smoothed RTT; 0 before any RTT sample. */
    private long initialPacingRate() {
        if (!rtt.hasSample()) {
            return minRttKnown ? WindowPacing.clampRate(STARTUP_GAIN * initialWindowBytes / (Math.max(1L, minRttNanos) / 1e9)) : 0;
        }
        return WindowPacing.clampRate(STARTUP_GAIN * initialWindowBytes / (Math.max(1L, rtt.smoothedRttNanos()) / 1e9));
    }

    /** Window gain times BDP plus quanta; STARTUP grows by what is acknowledged until it gets there. */
    private void updateWindow(RateSample sample) {
        long acked = sample.newlyAckedBytes();
        long target = targetWindowBytes();
        if (filledPipe) {
            windowBytes = Math.min(Durations.add(windowBytes, acked), target);
        } else if (windowBytes < target || sample.totalDeliveredBytes() < initialWindowBytes) {
            windowBytes = Durations.add(windowBytes, acked);
        }
        windowBytes = Math.max(windowBytes, minimumWindowBytes);
        if (mode == Mode.PROBE_RTT) {
            windowBytes = Math.min(windowBytes, minimumWindowBytes);
        }
    }

    private long targetWindowBytes() {
        long bdp = bdp(windowGain);
        if (bdp <= 0) {
            return initialWindowBytes;
        }
        long quantum = Math.max(Math.min(pacingRateBytesPerSecond / 1_000, MAX_QUANTUM_BYTES), 2L * maxDatagramBytes);
        long target = Durations.add(bdp, WINDOW_QUANTA * quantum);
        // Room for aggregated ACKs once the model is trusted (after STARTUP).
        return filledPipe ? Durations.add(target, ackAggregation.extraBytes()) : target;
    }


    /** {@code gain x bandwidth x min RTT} in bytes; 0 while either estimate is missing. */
    private long bdp(double gain) {
        long bw = bandwidth.best();
        if (bw <= 0 || !minRttKnown) {
            return 0;
        }
        double bytes = gain * bw * (minRttNanos / 1e9);
        return bytes >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) bytes;
    }
}
