package io.rudp.bench.suite;

import io.rudp.RudpConfig;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The child process of the {@code netem} section: one end of one run, started by the section as
 * {@code ip netns exec NS java -cp BENCH_CLASSPATH io.rudp.bench.suite.NetemPeer MODE ...}.
 *
 * <p>Modes: {@code bulk-receiver TRANSPORT BIND_IP HALF_BYTES}, {@code bulk-sender TRANSPORT IP PORT
 * BYTES}, {@code echo-server TRANSPORT BIND_IP}, {@code ping-client TRANSPORT IP PORT WARM_UP
 * ROUND_TRIPS}; TRANSPORT is {@code rudp} or {@code tcp}. A server prints {@code READY port=N} once it
 * listens; every end prints one {@code RESULT key=value ...} line (its figures, and
 * {@code cpuNanos}: this process's CPU time over the run) and exits 0, or prints
 * {@code ERROR message} and exits 1. Every wait inside is bounded ({@link NetemEnds#IO_TIMEOUT}).
 */
public final class NetemPeer {

    static final String READY = "READY ";
    static final String RESULT = "RESULT ";
    static final String ERROR = "ERROR ";
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private NetemPeer() {
    }

    /** Runs one end and exits. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        int code;
        try {
            Map<String, Long> figures = run(args, port -> {
                out.println(READY + "port=" + port);
                out.flush();
            });
            StringBuilder line = new StringBuilder(RESULT);
            figures.forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
            out.println(line.toString().trim());
            code = 0;
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName()
                    + ": " + e.getMessage();
            out.println(ERROR + message.replace('\n', ' '));
            e.printStackTrace();
            code = 1;
        }
        out.flush();
        System.exit(code);
    }

    /** Runs the mode {@code args[0]} with its arguments; returns its figures with the CPU time added. */
    static Map<String, Long> run(String[] args, NetemEnds.Ready ready) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: NetemPeer MODE TRANSPORT ADDRESS ...");
        }
        NetemEnds.Transport t = NetemEnds.Transport.parse(args[1]);
        ResourceMeter meter = new ResourceMeter();
        meter.start();
        Map<String, Long> figures = new LinkedHashMap<>();
        switch (args[0]) {
            case "bulk-receiver" -> figures.putAll(NetemEnds.bulkReceiver(t, InetAddress.getByName(args[2]),
                    Long.parseLong(arg(args, 3)), ready));
            case "bulk-sender" -> figures.putAll(NetemEnds.bulkSender(t, address(args), Long.parseLong(arg(args, 4))));
            case "echo-server" -> figures.putAll(NetemEnds.echoServer(t, InetAddress.getByName(args[2]), ready));
            case "ping-client" -> figures.putAll(ping(t, address(args), Integer.parseInt(arg(args, 4)),
                    Integer.parseInt(arg(args, 5))));
            default -> throw new IllegalArgumentException("unknown mode '" + args[0] + "'");
        }
        figures.put("cpuNanos", meter.stop().cpuNanos());
        return figures;
    }

    private static Map<String, Long> ping(NetemEnds.Transport t, InetSocketAddress server, int warmUp, int roundTrips)
            throws Exception {
        PingPong transport = t == NetemEnds.Transport.RUDP ? new RudpPingPong(RudpConfig.defaults()) : new TcpPingPong();
        Histogram h = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        try (PingPong.Client client = transport.connect(server)) {
            for (int i = 0; i < warmUp; i++) {
                client.roundTripNanos();
            }
            for (int i = 0; i < roundTrips; i++) {
                h.recordValue(Math.min(HIGHEST_TRACKABLE_NANOS, client.roundTripNanos()));
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("roundTrips", h.getTotalCount());
        out.put("p50Nanos", h.getValueAtPercentile(50));
        out.put("p99Nanos", h.getValueAtPercentile(99));
        out.put("p999Nanos", h.getValueAtPercentile(99.9));
        out.put("maxNanos", h.getMaxValue());
        return out;
    }

    private static InetSocketAddress address(String[] args) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(args[2]), Integer.parseInt(arg(args, 3)));
    }

    private static String arg(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[0] + ": missing argument " + i);
        }
        return args[i];
    }
}
