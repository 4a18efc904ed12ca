package io.rudp.core.congestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.loss.SentPacket;
import io.rudp.core.path.RttEstimator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Every controller, and the pacer behind it, under arbitrary (also absurd) sequences of events:
 * RTT samples a peer's ACK delay can make anything, huge or zero rates, losses of any size,
 * persistent congestion, app-limited spells, time near the long wrap. Nothing throws, the window
 * never falls below its minimum, the pacing rate stays positive, and the pacer's deadline always
 * lets a packet go when it comes.
 */
class ControllerRobustnessPropertyTest {

    private static final int MDS = 1200;

    @Property(tries = 200, seed = "7654321")
    void noSequenceOfEventsBreaksAController(
            @ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll @Size(max = 150) List<@IntRange(min = 0, max = 7) Integer> kinds,
            @ForAll @Size(max = 600) List<@LongRange(min = 0, max = Long.MAX_VALUE / 2) Long> values) {
        RttEstimator rtt = new RttEstimator(1_000_000);
        CongestionController cc = switch (which) {
            case 0 -> new NewRenoController(MDS, rtt);
            case 1 -> new CubicController(MDS, rtt);
            default -> new BbrController(MDS, rtt, values.isEmpty() ? 0 : values.get(0));
        };
        Pacer pacer = new Pacer(MDS);
        long minimum = cc instanceof BbrController ? 4L * MDS : 2L * MDS;
        long now = Long.MAX_VALUE - 5_000_000_000L; // crosses the wrap within the run
        long delivered = 0;
        long pn = 0;
        int cursor = 0;
        for (int kind : kinds) {
            long v = values.isEmpty() ? kind : values.get(cursor++ % values.size());
            now += 1 + v % 50_000_000L;
            switch (kind) {
                case 0 -> rtt.onSample(v % 3 == 0 ? v : v % 500_000_000L, v % 7, 25_000_000L);
                case 1 -> cc.onPacketSent(now, MDS);
                case 2 -> {
                    SentPacket p = new SentPacket(pn++, now - v % 100_000_000L, (int) (v % (2 * MDS)), true, true);
                    p.appLimited = v % 5 == 0;
                    cc.onPacketAcked(now, p);
                }
                case 3 -> cc.onPacketsLost(now, now - v % 1_000_000_000L, v % (1L << 40), v % 11 == 0);
                case 4 -> {
                    long acked = v % (1L << 30);
                    long prior = delivered;
                    delivered += acked;
                    cc.onAckProcessed(now, RateSample.of(v % 4 == 0 ? v : v % 10_000_000_000L, v % 3 == 0,
                            v % 9 == 0 ? -1 : v % 2_000_000_000L, v % 2 == 0 ? prior : Math.max(0, prior - v % 1000),
                            delivered, acked, v % 17 == 0 ? v % (1L << 30) : 0, v % (1L << 32)));
                }
                case 5 -> cc.onAppLimited(now, v % (1L << 32));
                default -> {
                    long rate = cc.pacingRateBytesPerSecond();
                    long at = pacer.nextSendTimeNanos(now, rate, MDS);
                    if (at != now) {
                        assertThat(at - now).isPositive();
                        assertThat(pacer.canSend(at, rate, MDS)).as("the deadline lets the packet go").isTrue();
                        now = at;
                    }
                    pacer.onPacketSent(now, rate, MDS);
                }
            }
            assertThat(cc.congestionWindowBytes()).isGreaterThanOrEqualTo(minimum);
            assertThat(cc.pacingRateBytesPerSecond()).isPositive();
        }
    }
}
