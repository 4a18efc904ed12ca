package io.rudp.cli.proxy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the values people type on the command line: percentages ({@code 2%} or {@code 0.02}),
 * durations ({@code 40ms}, {@code 1.5s}), rates ({@code 100mbit}, {@code 10MB/s}), sizes
 * ({@code 64KiB}) and {@code UP/DOWN} pairs of any of them. Every failure is an
 * {@link IllegalArgumentException} whose message quotes the value and says what was expected.
 */
public final class Units {

    private static final Pattern NUMBER_AND_UNIT =
            Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*(\\S*)");
    /** Bits: "bit" in any case; "bps" and "b/s" only with a small b (a capital B is bytes). */
    private static final Pattern BIT_RATE =
            Pattern.compile("([kKmMgGtT]?)(?:(?i:bits?(?:/s)?)|bps|b/s)");
    private static final Pattern BYTE_RATE = Pattern.compile("([kKmMgGtT]i?)?B/s");
    private static final Pattern SIZE = Pattern.compile("([kmgt]i?)?b?", Pattern.CASE_INSENSITIVE);

    private Units() {
    }

    /**
     * A probability from {@code 2%}, {@code 0.5%} or {@code 0.02}: in [0, 1] (0% to 100%). A bare
     * number above 1 is refused, since {@code 2} could mean 2% or 200%.
     */
    public static double probability(String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        BigDecimal value = number(percent ? t.substring(0, t.length() - 1).strip() : t, text,
                "a percentage such as 2% or a fraction such as 0.02");
        if (percent) {
            value = value.movePointLeft(2);
        }
        if (value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than "
                    + (percent ? "100%" : "1 (write 2% or 0.02 for two percent)"));
        }
        return value.doubleValue();
    }

    /** A duration from a number and a unit: ns, us, ms, s, m (minutes) or h; {@code 0} alone. */
    public static Duration duration(String text) {
        Matcher m = numberAndUnit(text, "a duration such as 40ms or 1.5s");
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long nanosPerUnit;
        switch (unit) {
            case "ns": nanosPerUnit = 1L; break;
            case "us": case "µs": nanosPerUnit = 1_000L; break;
            case "ms": nanosPerUnit = 1_000_000L; break;
            case "s": nanosPerUnit = 1_000_000_000L; break;
            case "m": case "min": nanosPerUnit = 60_000_000_000L; break;
            case "h": nanosPerUnit = 3_600_000_000_000L; break;
            case "":
                if (value.signum() == 0) {
                    return Duration.ZERO;
                }
                throw new IllegalArgumentException("'" + text + "' needs a unit: ns, us, ms, s, m or h"
                        + " (for example 40ms)");
            default:
                throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2)
                        + "': use ns, us, ms, s, m or h");
        }
        BigDecimal nanos = value.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(Duration.ofDays(365).toNanos())) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than a year");
        }
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /**
     * A rate in bits per second: bits as {@code 100mbit}, {@code 100Mbit/s}, {@code 100mbps} or
     * {@code 100Mb/s} (k, m, g, t = 10^3...); bytes as {@code 10MB/s} or {@code 10MiB/s} (capital
     * B). {@code 0} alone means unlimited.
     */
    public static long bitsPerSecond(String text) {
        Matcher m = numberAndUnit(text, "a rate such as 100mbit or 10MB/s");
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2);
        BigDecimal bits;
        Matcher bit = BIT_RATE.matcher(unit);
        Matcher bytes = BYTE_RATE.matcher(unit);
        if (bytes.matches()) {
            String prefix = bytes.group(1);
            bits = value.multiply(multiplier(prefix, prefix != null && prefix.length() == 2))
                    .multiply(BigDecimal.valueOf(8));
        } else if (bit.matches()) {
            bits = value.multiply(multiplier(bit.group(1), false));
        } else if (unit.isEmpty() && value.signum() == 0) {
            return 0;
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a rate: use bits as 100mbit "
                    + "(kbit, mbit, gbit; also Mb/s, mbps) or bytes as 10MB/s (KB/s, MiB/s...)");
        }
        if (bits.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large a rate");
        }
        long result = bits.setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (result == 0 && value.signum() != 0) {
            throw new IllegalArgumentException("'" + text + "' is less than 1 bit/s");
        }
        return result;
    }

    /** A size in bytes: {@code 1500}, {@code 1500B}, {@code 64KB} (10^3), {@code 64KiB} (2^10)... */
    public static long bytes(String text) {
        Matcher m = numberAndUnit(text, "a size such as 64KiB or 1500");
        BigDecimal value = new BigDecimal(m.group(1));
        Matcher size = SIZE.matcher(m.group(2));
        if (!size.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: use bytes (1500), KB, "
                    + "MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)");
        }
        String prefix = size.group(1);
        BigDecimal result = value.multiply(multiplier(prefix,
                prefix != null && prefix.length() == 2));
        if (result.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return result.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * One value for both directions, or {@code UP/DOWN}. A value that itself contains a slash
     * (such as {@code 10MB/s}) works too: {@code 10MB/s/20MB/s} is a pair.
     */
    public static <T> UpDown<T> pair(String text, Function<String, T> parser) {
        IllegalArgumentException whole;
        try {
            return UpDown.both(parser.apply(text));
        } catch (IllegalArgumentException e) {
            whole = e;
        }
        IllegalArgumentException firstSplitError = null;
        for (int i = text.indexOf('/'); i >= 0; i = text.indexOf('/', i + 1)) {
            String up = text.substring(0, i);
            String down = text.substring(i + 1);
            T upValue;
            try {
                upValue = parser.apply(up);
            } catch (IllegalArgumentException e) {
                if (firstSplitError == null) {
                    firstSplitError = e;
                }
                continue;
            }
            try {
                return new UpDown<>(upValue, parser.apply(down));
            } catch (IllegalArgumentException e) {
                firstSplitError = e;
            }
        }
        if (firstSplitError == null) {
            throw whole;
        }
        throw new IllegalArgumentException("'" + text + "' is neither a value nor UP/DOWN: "
                + firstSplitError.getMessage(), firstSplitError);
    }

    private static Matcher numberAndUnit(String text, String expected) {
        String t = text.strip();
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        Matcher m = NUMBER_AND_UNIT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + expected);
        }
        return m;
    }

    private static BigDecimal number(String t, String text, String expected) {
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        if (!t.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
            throw new IllegalArgumentException("'" + text + "' is not " + expected);
        }
        return new BigDecimal(t);
    }

    /** 10^3k or 2^10k for the prefix k, m, g, t (any case, optional trailing i). */
    private static BigDecimal multiplier(String prefix, boolean binary) {
        if (prefix == null || prefix.isEmpty()) {
            return BigDecimal.ONE;
        }
        int power = "kmgt".indexOf(Character.toLowerCase(prefix.charAt(0))) + 1;
        return binary ? BigDecimal.valueOf(1024).pow(power) : BigDecimal.valueOf(1000).pow(power);
    }
}
