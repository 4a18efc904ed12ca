package io.rudp.cli.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses a positive duration for picocli: a number with a unit, {@code 250ms}, {@code 10s},
 * {@code 1.5s}, {@code 2m}, {@code 1h}; a bare number means seconds. Anything else, zero or a
 * negative value is a usage error naming the value and the expected form.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code value}; throws {@link CommandLine.TypeConversionException} if malformed or not positive. */
    public static Duration parse(String value) {
        Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a duration; use a number with ms, s, m or h (e.g. 500ms, 10s, 2m)");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal nanosPerUnit;
        switch (unit) {
            case "ms": nanosPerUnit = BigDecimal.valueOf(1_000_000L); break;
            case "m": nanosPerUnit = BigDecimal.valueOf(60_000_000_000L); break;
            case "h": nanosPerUnit = BigDecimal.valueOf(3_600_000_000_000L); break;
            default: nanosPerUnit = BigDecimal.valueOf(1_000_000_000L); break;
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPerUnit);
        if (nanos.signum() <= 0) {
            throw new CommandLine.TypeConversionException("duration '" + value + "' must be positive");
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new CommandLine.TypeConversionException("duration '" + value + "' is too long");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
