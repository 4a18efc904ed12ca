package io.rudp.internal;

/**
 * Appends JSON values to a reused {@link StringBuilder} without allocating: names lowercased from
 * enum constants, strings escaped to pure ASCII (so one char is one byte), fixed-point
 * milliseconds from nanoseconds.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** {@code "text"}, escaped (RFC 8259 §7); non-ASCII characters as {@code \\uXXXX}. */
    static void string(StringBuilder sb, CharSequence text) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch >= 0x20 && ch < 0x7f) {
                sb.append(ch);
            } else {
                sb.append("\\u").append(HEX[(ch >> 12) & 0xf]).append(HEX[(ch >> 8) & 0xf])
                        .append(HEX[(ch >> 4) & 0xf]).append(HEX[ch & 0xf]);
            }
        }
        sb.append('"');
    }

    /** {@code "name"} in lower case, for enum constant names such as {@code PROBE_BW}. */
    static void lowerName(StringBuilder sb, String name) {
        sb.append('"');
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            sb.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch);
        }
        sb.append('"');
    }

    /** A duration in milliseconds with microsecond precision, e.g. {@code 40.125}. */
    static void millis(StringBuilder sb, long nanos) {
        long micros = nanos / 1_000;
        if (micros < 0) {
            sb.append('-');
            micros = -micros;
        }
        sb.append(micros / 1_000).append('.');
        long fraction = micros % 1_000;
        if (fraction < 100) {
            sb.append('0');
        }
        if (fraction < 10) {
            sb.append('0');
        }
        sb.append(fraction);
    }

    /** 16 lower-case hex digits. */
    static void hex64(StringBuilder sb, long value) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            sb.append(HEX[(int) (value >>> shift) & 0xf]);
        }
    }
}
