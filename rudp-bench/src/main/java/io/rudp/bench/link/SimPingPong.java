package io.rudp.bench.link;

import io.rudp.core.CongestionControl;
import io.rudp.core.Connection;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.SimulatedNetwork;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ping-pong of {@link ProxyPingPong} on the simulator (virtual time, deterministic for the
 * seed, free of the host's scheduling noise): a client writes a 64-byte message, the server echoes
 * it as soon as it has read it, and the client records the round trip once it has read the echo.
 *
 * <pre>java -cp rudp-bench.jar io.rudp.bench.link.SimPingPong [pings] [seed]</pre>
 */
public final class SimPingPong {

    private static final long GIVE_UP_NANOS = 60_000_000_000L;

    private SimPingPong() {
    }

    /**
     * Round trips of {@code pings} echoed messages, in nanoseconds of virtual time, in order.
     *
     * @throws IllegalStateException if a message is not echoed within a minute of virtual time
     */
    public static long[] run(EngineConfig config, LinkParams link, int pings, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedNetwork network = new SimulatedNetwork(random.nextLong());
        Endpoint server = new Endpoint(config, random.split());
        Endpoint client = new Endpoint(config, random.split());
        InetSocketAddress serverAddress = network.attach(server);
        InetSocketAddress clientAddress = network.attach(client);
        network.setPath(clientAddress, serverAddress, link.direction());
        server.listen();
        Connection c = client.connect(network.nowNanos(), serverAddress);
        if (!network.runUntil(c::isEstablished, GIVE_UP_NANOS)) {
            throw new IllegalStateException("no handshake: " + network.describe());
        }
        Connection[] s = new Connection[1];
        if (!network.runUntil(() -> (s[0] = server.pollAccepted()) != null, GIVE_UP_NANOS)) {
            throw new IllegalStateException("not accepted: " + network.describe());
        }
        byte[] message = new byte[ProxyPingPong.MESSAGE_BYTES];
        byte[] buf = new byte[ProxyPingPong.MESSAGE_BYTES];
        long[] rtts = new long[pings];
        int[] echoed = new int[1];
        int[] received = new int[1];
        for (int i = 0; i < pings; i++) {
            long sentAt = network.nowNanos();
            if (c.write(sentAt, message, 0, message.length) != message.length) {
                throw new IllegalStateException("the client's buffer refused a message");
            }
            echoed[0] = 0;
            received[0] = 0;
            boolean done = network.runUntil(() -> {
                int n;
                while (echoed[0] < message.length
                        && (n = s[0].read(buf, 0, message.length - echoed[0])) > 0) {
                    echoed[0] += n;
                    if (echoed[0] == message.length) {
                        s[0].write(network.nowNanos(), buf, 0, buf.length);
                    }
                }
                while (received[0] < message.length
                        && (n = c.read(buf, 0, message.length - received[0])) > 0) {
                    received[0] += n;
                }
                return received[0] == message.length;
            }, GIVE_UP_NANOS);
            if (!done) {
                throw new IllegalStateException("ping " + i + " was not echoed: "
                        + network.describe());
            }
            rtts[i] = network.nowNanos() - sentAt;
        }
        return rtts;
    }

    /** The value at {@code percentile} (0-100) of {@code values}, nearest rank. */
    public static long percentile(long[] values, double percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Prints p50/p99/p99.9/max at 20 ms RTT with 0, 1 and 5% loss each way. */
    public static void main(String[] args) {
        int pings = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        EngineConfig defaults = EngineConfig.defaults().toBuilder()
                .congestionControl(CongestionControl.BBR).build();
        // The former default acknowledgement delay, for comparison.
        EngineConfig ack25 = defaults.toBuilder().ackDelay(java.time.Duration.ofMillis(25)).build();
        for (EngineConfig config : new EngineConfig[] {defaults, ack25}) {
            for (double loss : new double[] {0, 0.01, 0.05}) {
                long[] r = run(config, LinkParams.of(20, loss), pings, seed);
                System.out.printf(Locale.ROOT, "ackDelay %d ms, 20 ms, %.0f%% loss, %d pings:"
                        + " p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                        config.ackDelay().toMillis(), loss * 100, pings,
                        percentile(r, 50) / 1e6, percentile(r, 99) / 1e6,
                        percentile(r, 99.9) / 1e6, percentile(r, 100) / 1e6);
            }
        }
    }
}
