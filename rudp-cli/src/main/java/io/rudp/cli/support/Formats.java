package io.rudp.cli.support;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes (binary units), rates, durations and addresses for command output. */
public final class Formats {

    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Formats() {
    }

    /** {@code 512 B}, {@code 1.50 KiB}, {@code 3.00 MiB}... */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, BINARY_UNITS[unit]);
    }

    /** Bytes per second over {@code elapsed}, as {@code 12.50 MiB/s}; a zero duration counts as 1 µs. */
    public static String rate(long bytes, Duration elapsed) {
        return bytes(Math.round(bytesPerSecond(bytes, elapsed))) + "/s";
    }

    /** Bytes per second over {@code elapsed}; a zero duration counts as 1 µs. */
    public static double bytesPerSecond(long bytes, Duration elapsed) {
        long nanos = Math.max(elapsed.toNanos(), 1_000);
        return bytes * 1e9 / nanos;
    }

    /** Seconds with two decimals: {@code 1.23 s}. */
    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    /** {@code 127.0.0.1:9000} or {@code [::1]:9000}: the numeric address, without a host name or slash. */
    public static String address(InetSocketAddress a) {
        if (a == null) {
            return "?";
        }
        if (a.isUnresolved() || a.getAddress() == null) {
            return a.getHostString() + ":" + a.getPort();
        }
        String host = a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + compressIpv6(host) + "]" : host) + ":" + a.getPort();
    }

    /** Java's full IPv6 text ({@code 0:0:0:0:0:0:0:1}) in its short form ({@code ::1}, RFC 5952). */
    static String compressIpv6(String full) {
        int percent = full.indexOf('%');
        String scope = percent < 0 ? "" : full.substring(percent);
        String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":", -1);
        int bestStart = -1;
        int bestLength = 1; // a single zero group stays as 0
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail + scope;
    }
}
