package io.rudp.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;

/**
 * Parses {@code HOST:PORT} ({@code [v6addr]:PORT} for IPv6) into a resolved address, as a picocli
 * converter: a malformed value is a usage error naming the value and the expected form.
 */
public final class HostPort implements CommandLine.ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        return parse(value);
    }

    /** Parses and resolves {@code value}. */
    public static InetSocketAddress parse(String value) {
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || close + 1 >= value.length() || value.charAt(close + 1) != ':') {
                throw bad(value);
            }
            host = value.substring(1, close);
            port = value.substring(close + 2);
        } else {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || value.indexOf(':') != colon) {
                throw bad(value);
            }
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(value);
        }
        if (portNumber < 1 || portNumber > 65_535) {
            throw new CommandLine.TypeConversionException("port " + portNumber + " in '" + value + "' is not in 1..65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), portNumber);
        } catch (UnknownHostException e) {
            throw new CommandLine.TypeConversionException("cannot resolve host '" + host + "'");
        }
    }

    private static CommandLine.TypeConversionException bad(String value) {
        return new CommandLine.TypeConversionException("'" + value + "' is not HOST:PORT (for IPv6: [ADDRESS]:PORT)");
    }
}
