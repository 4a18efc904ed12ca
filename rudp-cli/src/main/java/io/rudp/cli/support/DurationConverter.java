package io.rudp.cli.support;

import io.rudp.cli.proxy.Units;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Parses a positive duration for picocli with the same grammar as every other duration option
 * ({@link Units#duration}: {@code 250ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h}), where
 * a bare number also means seconds. Anything else, zero or a negative value is a usage error
 * naming the value and the expected form.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code value}; throws {@link CommandLine.TypeConversionException} if malformed or not positive. */
    public static Duration parse(String value) {
        String text = value.strip();
        Duration d;
        try {
            d = Units.duration(text.matches("\\d+(\\.\\d+)?") ? text + "s" : text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a duration; use a number with ms, s, m or h (e.g. 500ms, 10s, 2m)");
        }
        if (d.isZero() || d.isNegative()) {
            throw new CommandLine.TypeConversionException("duration '" + value + "' must be positive");
        }
        return d;
    }
}
