package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.Connection;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import io.rudp.testkit.SimulatedNetwork;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README's "Using the engine directly" example, verbatim, so the README stays true. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleDeliversHello() {
        SimulatedNetwork net = new SimulatedNetwork(42);
        Endpoint server = new Endpoint(EngineConfig.defaults(), new SplittableRandom(1));
        Endpoint client = new Endpoint(EngineConfig.defaults(), new SplittableRandom(2));
        InetSocketAddress serverAddress = net.attach(server);
        InetSocketAddress clientAddress = net.attach(client);
        net.setPath(clientAddress, serverAddress,
                LinkConfig.builder().delay(Duration.ofMillis(20)).lossRate(0.02).build());
        server.listen();

        Connection c = client.connect(net.nowNanos(), serverAddress);
        net.runUntil(c::isEstablished, Duration.ofSeconds(10).toNanos());
        c.write(net.nowNanos(), "hello".getBytes(StandardCharsets.UTF_8), 0, 5);
        Connection s = server.pollAccepted();
        byte[] buf = new byte[64];
        net.runUntil(() -> s.readableBytes() == 5, Duration.ofSeconds(10).toNanos());
        int n = s.read(buf, 0, buf.length);

        assertThat(n).isEqualTo(5);
        assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("hello");
    }
}
