package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.DatagramEngine;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.core.wire.InitialPacket;
import io.rudp.core.wire.PacketCodec;
import io.rudp.core.wire.ResponsePacket;
import io.rudp.core.wire.TransportParameters;
import io.rudp.testkit.SimulatedNetwork;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A spoofed flood of handshakes from 100,000 addresses allocates no connection state. */
class SpoofedFloodTest {

    private static final int SOURCES = 100_000;

    private static InetSocketAddress spoofed(int i) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i}),
                1024 + (i % 50_000));
    }

    private static byte[] encode(io.rudp.core.wire.Packet p) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        int n = PacketCodec.encode(p, b);
        return Arrays.copyOf(b.array(), n);
    }

    @Test
    void initialsAndForgedResponsesFromDistinctAddressesAllocateNothing() throws Exception {
        SimulatedNetwork network = new SimulatedNetwork(99);
        Endpoint server = new Endpoint(EngineConfig.defaults(), new SplittableRandom(99));
        InetSocketAddress serverAddress = network.attach(server);
        server.listen();
        SplittableRandom random = new SplittableRandom(1);

        for (int i = 0; i < SOURCES; i++) {
            network.inject(spoofed(i), serverAddress, encode(new InitialPacket(0, random.nextLong() | 1)));
            byte[] forgedToken = new byte[25];
            random.nextBytes(forgedToken);
            network.inject(spoofed(i), serverAddress,
                    encode(new ResponsePacket(random.nextLong() | 1, random.nextLong() | 1, forgedToken, TransportParameters.DEFAULTS)));
            if (i % 1000 == 999) {
                while (network.step()) {
                    // deliver this batch and the server's stateless answers
                }
            }
        }
        while (network.step()) {
            // drain
        }

        assertThat(server.connectionCount()).isZero();
        // Each INITIAL and each forged RESPONSE got a small stateless CHALLENGE, and nothing more.
        assertThat(server.stats().challengesSent()).isEqualTo(2L * SOURCES);
        assertThat(server.stats().invalidCookieDropped()).isEqualTo(SOURCES);
        assertThat(server.stats().connectionsAccepted()).isZero();
        assertThat(server.pollAccepted()).isNull();
        assertThat(server.nextDeadlineNanos()).isEqualTo(DatagramEngine.NO_DEADLINE);
        // Never an amplifier: far fewer bytes went out to the spoofed addresses than came in.
        assertThat(server.stats().bytesSent()).isLessThan(server.stats().bytesReceived() / 10);
    }
}
