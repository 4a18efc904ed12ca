package io.rudp.bench.link;

import io.rudp.core.CongestionControl;
import io.rudp.core.Connection;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.SimulatedNetwork;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The fairness scenario of {@link ProxyFairness} on the simulator (virtual time, deterministic for
 * the seed): two connections from one client endpoint to one server endpoint, started together,
 * over one {@link LinkParams} path (one bottleneck each way), each always having data; the
 * goodput of each is sampled every virtual second. Fast, so controller changes can be judged
 * over many seeds before the real proxy.
 *
 * <pre>java -cp rudp-bench.jar io.rudp.bench.link.SimFairness [seconds] [seeds] [cc]</pre>
 */
public final class SimFairness {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private SimFairness() {
    }

    /** One run of {@code seconds} virtual seconds with the default configuration but {@code cc}. */
    public static FairnessResult run(CongestionControl cc, LinkParams link, int seconds, long seed) {
        EngineConfig config = EngineConfig.defaults().toBuilder().congestionControl(cc).build();
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedNetwork network = new SimulatedNetwork(random.nextLong());
        Endpoint server = new Endpoint(config, random.split());
        Endpoint client = new Endpoint(config, random.split());
        InetSocketAddress serverAddress = network.attach(server);
        InetSocketAddress clientAddress = network.attach(client);
        network.setPath(clientAddress, serverAddress, link.direction());
        server.listen();
        long start = network.nowNanos();
        Connection[] clients = {client.connect(start, serverAddress),
                client.connect(start, serverAddress)};
        Connection[] servers = new Connection[2];
        int accepted = 0;
        long[] read = new long[2];
        long[] lastRead = new long[2];
        double[][] perSecond = new double[2][seconds];
        byte[] chunk = new byte[64 * 1024];
        byte[] sink = new byte[64 * 1024];
        int second = 0;
        while (second < seconds) {
            long now = network.nowNanos();
            for (Connection c : clients) {
                if (c.isEstablished()) {
                    while (c.write(now, chunk, 0, chunk.length) > 0) {
                        // fill the send buffer
                    }
                }
            }
            Connection next;
            while (accepted < 2 && (next = server.pollAccepted()) != null) {
                servers[accepted++] = next;
            }
            for (int i = 0; i < accepted; i++) {
                int n;
                while ((n = servers[i].read(sink, 0, sink.length)) > 0) {
                    read[i] += n;
                }
            }
            while (second < seconds && now - (start + (second + 1) * SECOND_NANOS) >= 0) {
                for (int i = 0; i < 2; i++) {
                    perSecond[i][second] = ProxyGoodput.mbps(read[i] - lastRead[i], 1);
                    lastRead[i] = read[i];
                }
                second++;
            }
            if (!network.step()) {
                break;
            }
        }
        // Accepted order may differ from connect order; fairness does not care which is which.
        return new FairnessResult(cc, link, perSecond[0], perSecond[1]);
    }

    /** Prints Jain's index for 20 and 100 ms, 0 and 1% loss, over seeds 1..N. */
    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        CongestionControl cc = args.length > 2 ? CongestionControl.valueOf(args[2])
                : CongestionControl.BBR;
        for (int rtt : new int[] {20, 100}) {
            for (double loss : new double[] {0, 0.01}) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "%s %3d ms %4.1f%%: Jain over %d s, seeds 1..%d:", cc, rtt, loss * 100,
                        seconds, seeds));
                double sum = 0;
                double lowest = 1;
                for (long seed = 1; seed <= seeds; seed++) {
                    FairnessResult r = run(cc, LinkParams.of(rtt, loss), seconds, seed);
                    double j = r.jainWholeRun();
                    sum += j;
                    lowest = Math.min(lowest, j);
                    line.append(String.format(Locale.ROOT, " %.3f (%.0f+%.0f)", j, r.firstMbps(),
                            r.secondMbps()));
                }
                line.append(String.format(Locale.ROOT, "; mean %.3f, lowest %.3f", sum / seeds,
                        lowest));
                System.out.println(line);
            }
        }
    }
}
