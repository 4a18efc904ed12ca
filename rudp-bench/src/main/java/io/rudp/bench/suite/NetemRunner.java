package io.rudp.bench.suite;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Runs one measurement of the {@code netem} section across the emulated link: the server end as a
 * child JVM in namespace B ({@code ip netns exec rudpB java ...}), the client end in namespace A,
 * both from the bench's own classpath, every wait bounded by the run's deadline, both children
 * ended whatever happens.
 */
final class NetemRunner {

    /** The grace after the deadline for the children to exit once they reported. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(15);

    private final String javaBinary;
    private final String classpath;
    private final Path logDir;

    /**
     * @param javaBinary the java launcher for the children (this JVM's)
     * @param classpath the children's classpath (this JVM's, absolute)
     * @param logDir where each child's standard error goes
     */
    NetemRunner(String javaBinary, String classpath, Path logDir) {
        this.javaBinary = javaBinary;
        this.classpath = classpath;
        this.logDir = logDir;
    }

    /** This JVM's java launcher and absolute classpath. */
    static NetemRunner ofThisJvm(Path logDir) {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return new NetemRunner(launcher, String.join(File.pathSeparator, entries), logDir);
    }

    /** One bulk transfer's figures: the RESULT fields of the receiver and of the sender. */
    record Bulk(Map<String, String> receiver, Map<String, String> sender) {
        private long rx(String key) {
            return Long.parseLong(receiver.get(key));
        }

        private long tx(String key) {
            return Long.parseLong(sender.get(key));
        }

        /** Bytes the receiver read. */
        long bytes() {
            return rx("bytes");
        }

        /** Goodput from the sender's first write to the receiver's last byte (startup included), Mbit/s. */
        double goodputMbps() {
            return bytes() * 8e3 / (rx("lastByteNanos") - tx("firstWriteNanos"));
        }

        /** Goodput of the second half of the payload: from the byte at half to the last byte, Mbit/s. */
        double steadyMbps() {
            return (bytes() - rx("bytesAtHalf")) * 8e3 / Math.max(1, rx("lastByteNanos") - rx("halfNanos"));
        }

        /** From the start of connect to the first write, ms. */
        double connectMillis() {
            return (tx("firstWriteNanos") - tx("connectStartNanos")) / 1e6;
        }

        /** CPU time of both processes over the run, seconds. */
        double cpuSeconds() {
            return (rx("cpuNanos") + tx("cpuNanos")) / 1e9;
        }

        /** The sender's retransmitted packets (rudp only), or -1. */
        long retransmittedPackets() {
            return sender.containsKey("retransmittedPackets") ? tx("retransmittedPackets") : -1;
        }

        /** The sender's mean datagram size in bytes (rudp only, acknowledgements included), or -1. */
        long meanDatagramBytes() {
            return sender.containsKey("packetsSent") && tx("packetsSent") > 0
                    ? tx("datagramBytesSent") / tx("packetsSent") : -1;
        }
    }

    /** One ping-pong run's percentiles, in ms. */
    record Ping(double p50Millis, double p99Millis, double p999Millis, double maxMillis, long roundTrips) {
    }

    /**
     * Moves {@code bytes} from A to B over {@code transport}.
     *
     * @param tag names the children's log files
     */
    Bulk bulk(NetemEnds.Transport transport, long bytes, Duration timeout, String tag) throws Exception {
        try {
            return bulkWithin(transport, bytes, timeout, tag);
        } catch (TimeoutException e) {
            throw timedOut(timeout, e);
        }
    }

    private Bulk bulkWithin(NetemEnds.Transport transport, long bytes, Duration timeout, String tag) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String t = transport.name().toLowerCase(Locale.ROOT);
        try (NetemChild server = child(tag + "-receiver", NetemLinkControl.NS_B,
                List.of("bulk-receiver", t, NetemLinkControl.ADDRESS_B, Long.toString(bytes / 2)))) {
            String port = port(server, deadline);
            try (NetemChild client = child(tag + "-sender", NetemLinkControl.NS_A,
                    List.of("bulk-sender", t, NetemLinkControl.ADDRESS_B, port, Long.toString(bytes)))) {
                Map<String, String> sent = NetemChild.fields(client.awaitLine(NetemPeer.RESULT, deadline));
                Map<String, String> received = NetemChild.fields(server.awaitLine(NetemPeer.RESULT, deadline));
                awaitExit(client, deadline);
                awaitExit(server, deadline);
                Bulk b = new Bulk(received, sent);
                if (b.bytes() != bytes) {
                    throw new IOException("the receiver read " + b.bytes() + " bytes of " + bytes);
                }
                return b;
            }
        }
    }

    /** Ping-pong of 64-byte messages from A to an echo server in B. */
    Ping ping(NetemEnds.Transport transport, int warmUp, int roundTrips, Duration timeout, String tag) throws Exception {
        try {
            return pingWithin(transport, warmUp, roundTrips, timeout, tag);
        } catch (TimeoutException e) {
            throw timedOut(timeout, e);
        }
    }

    private static TimeoutException timedOut(Duration timeout, TimeoutException e) {
        return new TimeoutException("timed out after " + timeout.toSeconds() + " s (" + e.getMessage() + ")");
    }

    private Ping pingWithin(NetemEnds.Transport transport, int warmUp, int roundTrips, Duration timeout, String tag)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String t = transport.name().toLowerCase(Locale.ROOT);
        try (NetemChild server = child(tag + "-echo", NetemLinkControl.NS_B,
                List.of("echo-server", t, NetemLinkControl.ADDRESS_B))) {
            String port = port(server, deadline);
            try (NetemChild client = child(tag + "-ping", NetemLinkControl.NS_A, List.of("ping-client", t,
                    NetemLinkControl.ADDRESS_B, port, Integer.toString(warmUp), Integer.toString(roundTrips)))) {
                Map<String, String> r = NetemChild.fields(client.awaitLine(NetemPeer.RESULT, deadline));
                server.awaitLine(NetemPeer.RESULT, deadline);
                awaitExit(client, deadline);
                awaitExit(server, deadline);
                return new Ping(millis(r, "p50Nanos"), millis(r, "p99Nanos"), millis(r, "p999Nanos"),
                        millis(r, "maxNanos"), Long.parseLong(r.get("roundTrips")));
            }
        }
    }

    private static double millis(Map<String, String> fields, String key) {
        return Long.parseLong(fields.get(key)) / 1e6;
    }

    private static String port(NetemChild server, long deadline) throws Exception {
        String port = NetemChild.fields(server.awaitLine(NetemPeer.READY, deadline)).get("port");
        if (port == null) {
            throw new IOException(server.name() + " announced no port");
        }
        return port;
    }

    private static void awaitExit(NetemChild child, long deadline) throws Exception {
        long bound = Math.max(deadline, System.nanoTime()) + EXIT_GRACE.toNanos();
        int code;
        try {
            code = child.awaitExit(bound);
        } catch (TimeoutException e) {
            throw new TimeoutException(child.name() + " reported but did not exit");
        }
        if (code != 0) {
            throw new IOException(child.name() + " exited with code " + code);
        }
    }

    private NetemChild child(String tag, String namespace, List<String> peerArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, javaBinary, "-cp", classpath,
                NetemPeer.class.getName()));
        cmd.addAll(peerArgs);
        return NetemChild.start(tag, cmd, Map.of(), logDir.resolve(tag + ".log"));
    }
}
