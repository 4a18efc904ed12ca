package io.rudp.cli.plot;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a trace written by {@code io.rudp.TraceFiles}: the header line, then one event per line.
 * Unknown events and fields are skipped, so newer traces stay readable; blank lines are skipped;
 * anything else that is not a JSON object with a numeric {@code time} and a {@code name} is an
 * error naming its line.
 */
final class TraceReader {

    /** The {@code format} a trace header announces. */
    static final String FORMAT = "rudp-trace";

    private TraceReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws TraceFormatException if a line is malformed or the header is missing
     * @throws IOException if the file cannot be read
     */
    static TraceData read(Path file) throws IOException {
        TraceData data = new TraceData();
        int number = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            boolean headerSeen = false;
            while ((line = readLine(in, number + 1)) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> object = parseObject(line, number);
                if (!headerSeen) {
                    readHeader(object, data, number);
                    headerSeen = true;
                } else {
                    readEvent(object, data, number);
                }
            }
            if (!headerSeen) {
                throw new TraceFormatException("the trace is empty (no header line)");
            }
        }
        return data;
    }

    /**
     * One line, or null at the end. A trace is UTF-8 text: bytes that are not (an image, a binary)
     * are a format error naming the line, not the decoder's bare "Input length = 1".
     */
    private static String readLine(BufferedReader in, int number) throws IOException {
        try {
            return in.readLine();
        } catch (CharacterCodingException e) {
            throw new TraceFormatException("not UTF-8 text (at or after line " + number + "), so not a rudp trace; traces come"
                    + " from `--trace DIR` or io.rudp.TraceFiles");
        }
    }

    private static Map<String, Object> parseObject(String line, int number) throws TraceFormatException {
        Object value;
        try {
            value = JsonLineParser.parse(line);
        } catch (JsonLineParser.JsonSyntaxException e) {
            throw new TraceFormatException("line " + number + ": not valid JSON: " + e.getMessage());
        }
        if (!(value instanceof Map)) {
            throw new TraceFormatException("line " + number + ": expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    private static void readHeader(Map<String, Object> header, TraceData data, int number) throws TraceFormatException {
        if (!FORMAT.equals(header.get("format"))) {
            throw new TraceFormatException("line " + number + ": not a rudp trace (the header has no \"format\":\""
                    + FORMAT + "\"); traces come from `--trace DIR` or io.rudp.TraceFiles");
        }
        Object vantage = header.get("vantage_point");
        if (vantage instanceof Map && ((Map<?, ?>) vantage).get("type") instanceof String) {
            data.role = (String) ((Map<?, ?>) vantage).get("type");
        }
        if (header.get("connection_id") instanceof String) {
            data.connectionId = (String) header.get("connection_id");
        }
        if (header.get("peer") instanceof String) {
            data.peer = (String) header.get("peer");
        }
    }

    private static void readEvent(Map<String, Object> event, TraceData data, int number) throws TraceFormatException {
        Object time = event.get("time");
        Object name = event.get("name");
        if (!(time instanceof Double) || !(name instanceof String)) {
            throw new TraceFormatException("line " + number + ": an event needs a numeric \"time\" and a \"name\"");
        }
        double seconds = (Double) time / 1_000;
        data.lastTimeSeconds = Math.max(data.lastTimeSeconds, seconds);
        Map<?, ?> d = event.get("data") instanceof Map ? (Map<?, ?>) event.get("data") : Map.of();
        switch ((String) name) {
            case "transport:packet_sent":
                data.packetsSent++;
                break;
            case "transport:packet_received":
                data.packetsReceived++;
                break;
            case "recovery:packet_lost":
                data.packetsLost++;
                Series cwnd = data.congestionWindow;
                data.losses.add(seconds, cwnd.isEmpty() ? 0 : cwnd.y(cwnd.size() - 1));
                break;
            case "recovery:metrics_updated":
                addIfNumber(d.get("congestion_window"), seconds, data.congestionWindow);
                addIfNumber(d.get("bytes_in_flight"), seconds, data.bytesInFlight);
                addIfNumber(d.get("latest_rtt"), seconds, data.latestRtt);
                addIfNumber(d.get("smoothed_rtt"), seconds, data.smoothedRtt);
                addIfNumber(d.get("min_rtt"), seconds, data.minRtt);
                break;
            case "rudp:trace_truncated":
                data.truncated = true;
                break;
            default:
                // unknown or not drawn: skipped
        }
    }

    private static void addIfNumber(Object value, double seconds, Series series) {
        if (value instanceof Double) {
            series.add(seconds, (Double) value);
        }
    }
}
