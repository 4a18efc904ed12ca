package io.rudp.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One emulated link of the {@code netem} section: a bottleneck rate, a round-trip time (half of it
 * as one-way delay in each direction) and either independent random loss or Gilbert-Elliott burst
 * loss, applied in both directions by {@code ../shared/netem/up.sh}.
 *
 * <p>Written on the command line as {@code RTTms:LOSS[@RATEmbit]}: {@code 20ms:1%},
 * {@code 100ms:0%@50mbit}, or with burst loss {@code 20ms:burst2%x10} (mean loss 2%, mean burst of
 * 10 packets). The rate defaults to 100 Mbit/s.
 *
 * @param rttMillis round-trip time in ms (each direction gets half of it as delay)
 * @param lossPercent independent random loss each way, in percent (0 when {@code burstLength > 0})
 * @param burstLength mean burst length in packets of Gilbert-Elliott loss, or 0 for random loss
 * @param rateMbit bottleneck rate each way, in Mbit/s
 */
public record NetemLink(int rttMillis, double lossPercent, int burstLength, int rateMbit) {

    /** The rate of every link of the issue's table. */
    public static final int DEFAULT_RATE_MBIT = 100;

    private static final Pattern SPEC = Pattern.compile(
            "(\\d+)ms:(?:(burst)?(\\d+(?:\\.\\d+)?)%(?:x(\\d+))?)(?:@(\\d+)mbit)?");

    /** Checks the ranges. */
    public NetemLink {
        if (rttMillis < 0 || rttMillis > 10_000) {
            throw new IllegalArgumentException("rttMillis must be 0 to 10000, got " + rttMillis);
        }
        if (!(lossPercent >= 0 && lossPercent < 100)) {
            throw new IllegalArgumentException("lossPercent must be at least 0 and below 100, got " + lossPercent);
        }
        if (burstLength < 0 || burstLength > 10_000) {
            throw new IllegalArgumentException("burstLength must be 0 to 10000 packets, got " + burstLength);
        }
        if (burstLength > 0 && lossPercent == 0) {
            throw new IllegalArgumentException("burst loss needs a mean loss above 0%");
        }
        if (rateMbit < 1 || rateMbit > 1000) {
            throw new IllegalArgumentException("rateMbit must be 1 to 1000 (linkem's ceiling here is about"
                    + " 1 Gbit/s), got " + rateMbit);
        }
    }

    /** A 100 Mbit/s link with random loss. */
    public static NetemLink random(int rttMillis, double lossPercent) {
        return new NetemLink(rttMillis, lossPercent, 0, DEFAULT_RATE_MBIT);
    }

    /** A 100 Mbit/s link with Gilbert-Elliott burst loss of this mean and mean burst length. */
    public static NetemLink burst(int rttMillis, double meanLossPercent, int burstLength) {
        return new NetemLink(rttMillis, meanLossPercent, burstLength, DEFAULT_RATE_MBIT);
    }

    /**
     * Parses {@code RTTms:LOSS[@RATEmbit]} (see the class comment).
     *
     * @throws IllegalArgumentException naming the text when it does not parse or is out of range
     */
    public static NetemLink parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SPEC.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a link: write RTTms:LOSS%[@RATEmbit] or"
                    + " RTTms:burstLOSS%xLEN, e.g. 20ms:1%, 100ms:0%@50mbit, 20ms:burst2%x10");
        }
        boolean burst = m.group(2) != null;
        if (burst != (m.group(4) != null)) {
            throw new IllegalArgumentException("'" + text + "': burst loss is written burstLOSS%xLEN, e.g. burst2%x10");
        }
        int rate = m.group(5) != null ? Integer.parseInt(m.group(5)) : DEFAULT_RATE_MBIT;
        return new NetemLink(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(3)),
                burst ? Integer.parseInt(m.group(4)) : 0, rate);
    }

    /** The command-line form, which {@link #parse} reads back. */
    public String spec() {
        String loss = burstLength > 0 ? "burst" + number(lossPercent) + "%x" + burstLength : number(lossPercent) + "%";
        return rttMillis + "ms:" + loss + (rateMbit != DEFAULT_RATE_MBIT ? "@" + rateMbit + "mbit" : "");
    }

    /** How the report names the link, e.g. "100 Mbit/s, 20 ms RTT, burst loss 2% (mean burst 10)". */
    public String label() {
        String loss = burstLength > 0 ? "burst loss " + number(lossPercent) + "% (mean burst " + burstLength + ")"
                : number(lossPercent) + "% loss";
        return rateMbit + " Mbit/s, " + rttMillis + " ms RTT, " + loss;
    }

    /**
     * The impairment options for {@code up.sh} (linkem's options; every one applies to both
     * directions): rate, one-way delay, loss, the seed. The queue is left at linkem's default of one
     * bandwidth-delay product (at least 64 packets).
     */
    public List<String> emulatorArgs(long seed) {
        List<String> args = new ArrayList<>(List.of("--rate", rateMbit + "mbit", "--delay", delayText()));
        if (burstLength > 0) {
            args.addAll(List.of("--burst-loss", number(lossPercent) + "," + burstLength));
        } else if (lossPercent > 0) {
            args.addAll(List.of("--loss", number(lossPercent) + "%"));
        }
        args.addAll(List.of("--seed", Long.toString(seed)));
        return args;
    }

    private String delayText() {
        return rttMillis % 2 == 0 ? (rttMillis / 2) + "ms" : (rttMillis * 500L) + "us";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
