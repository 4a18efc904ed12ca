package io.rudp.bench.jmh;

import io.rudp.core.Connection;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's cost per packet: two {@link Endpoint}s wired together in memory (no sockets, a
 * virtual clock advancing 10 us per packet), one connection moving a stream one way. One
 * operation writes one full packet's worth of bytes on the client, sends it, receives it on the
 * server, reads the bytes out, and carries the server's acknowledgements (one per two packets)
 * back to the client: the whole engine work of one 1,200-byte data packet, both sides.
 *
 * <p>Run: {@code java -cp rudp-bench/target/rudp-bench.jar org.openjdk.jmh.Main EnginePacketBenchmark
 * -f 1 -wi 2 -i 3 -w 1s -r 1s [-prof gc]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnginePacketBenchmark {

    /** Stream bytes of one full 1,200-byte packet: header, checksum and STREAM frame overhead off. */
    static final int PAYLOAD_BYTES = 1200 - 14 - 4 - 1 - 8 - 4;
    static final long STEP_NANOS = 10_000;
    static final int MAX_STEPS_PER_OP = 10_000;

    Endpoint client;
    Endpoint server;
    Connection sender;
    Connection receiver;
    final InetSocketAddress clientAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_001);
    final InetSocketAddress serverAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_002);
    final ByteBuffer wire = ByteBuffer.allocate(EngineConfig.MAX_DATAGRAM_BYTES);
    final byte[] payload = new byte[PAYLOAD_BYTES];
    final byte[] sink = new byte[64 * 1024];
    long nowNanos = 1_000_000_000L;
    long bytesWritten;
    long bytesRead;
    long datagramsClientToServer;
    long datagramsServerToClient;

    /** Connects the two endpoints (handshake in virtual time). */
    @Setup
    public void setUp() {
        EngineConfig config = EngineConfig.builder().sendBufferBytes(4 << 20).receiveBufferBytes(4 << 20).build();
        client = new Endpoint(config, new SplittableRandom(1));
        server = new Endpoint(config, new SplittableRandom(2));
        server.listen();
        sender = client.connect(nowNanos, serverAddress);
        for (int i = 0; i < 1000 && (receiver == null || !sender.isEstablished()); i++) {
            step();
            if (receiver == null) {
                receiver = server.pollAccepted();
            }
        }
        if (receiver == null || !sender.isEstablished()) {
            throw new IllegalStateException("the in-memory handshake did not complete");
        }
    }

    /** Says what one operation moved on average, so a reader can check the figures mean what they say. */
    @TearDown
    public void tearDown() {
        if (bytesRead < bytesWritten / 2) {
            throw new IllegalStateException("the receiver read " + bytesRead + " of " + bytesWritten + " bytes");
        }
        System.out.printf("%n[engine] %d bytes written, %d read; datagrams client->server %d, server->client %d%n",
                bytesWritten, bytesRead, datagramsClientToServer, datagramsServerToClient);
    }

    /** One full data packet through both engines, and its share of acknowledgements. */
    @Benchmark
    public long onePacket() {
        int off = 0;
        while (off < PAYLOAD_BYTES) {
            int n = sender.write(nowNanos, payload, off, PAYLOAD_BYTES - off);
            off += n;
            bytesWritten += n;
            if (n == 0) {
                step();
            }
        }
        long before = datagramsClientToServer;
        for (int i = 0; i < MAX_STEPS_PER_OP && datagramsClientToServer == before; i++) {
            step();
        }
        return datagramsClientToServer;
    }

    /** Advances the clock one step and moves every datagram both ways, reading what arrived. */
    private void step() {
        nowNanos += STEP_NANOS;
        client.handleTimeout(nowNanos);
        server.handleTimeout(nowNanos);
        datagramsClientToServer += deliver(client, server, clientAddress);
        if (receiver != null) {
            int n;
            while ((n = receiver.read(sink, 0, sink.length)) > 0) {
                bytesRead += n;
            }
        }
        datagramsServerToClient += deliver(server, client, serverAddress);
    }

    private int deliver(Endpoint from, Endpoint to, InetSocketAddress fromAddress) {
        int count = 0;
        while (true) {
            wire.clear();
            if (from.pollTransmit(nowNanos, wire) == null) {
                return count;
            }
            to.handleDatagram(nowNanos, fromAddress, wire);
            count++;
        }
    }
}
