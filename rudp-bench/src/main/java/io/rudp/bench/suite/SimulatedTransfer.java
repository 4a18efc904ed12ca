package io.rudp.bench.suite;

import io.rudp.core.CloseReason;
import io.rudp.core.Connection;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import io.rudp.testkit.SimulatedNetwork;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/**
 * One bulk transfer, client to server, on the simulator (virtual time, everything derived from
 * one seed): the client writes a byte pattern that is a function of the stream offset and ends
 * its stream; the server reads and checks every byte. Nobody calls {@code close()}, so only the
 * protocol's liveness rules can end the connection. Steps one network event at a time and
 * records what {@link OutageSection} reports: when the client last heard the server, the longest
 * silence it heard, and when its connection ended.
 */
final class SimulatedTransfer {

    private static final int CHUNK_BYTES = 16 * 1024;

    final SimulatedNetwork network;
    final InetSocketAddress clientAddress;
    final InetSocketAddress serverAddress;
    final Connection client;
    private final Endpoint serverEndpoint;
    private Connection server;
    private final long totalBytes;

    private final byte[] writeChunk = new byte[CHUNK_BYTES];
    private int chunkOffset;
    private int chunkLength;
    private long written;
    private final byte[] readChunk = new byte[CHUNK_BYTES];
    private long read;
    private boolean endOfStream;
    private boolean corrupt;

    private long heardCount;
    private long lastHeardNanos;
    private long longestSilenceNanos;
    private long clientEndedNanos = -1;

    SimulatedTransfer(long seed, EngineConfig config, LinkConfig link, long totalBytes) {
        SplittableRandom random = new SplittableRandom(seed);
        this.network = new SimulatedNetwork(random.nextLong());
        this.serverEndpoint = new Endpoint(config, random.split());
        Endpoint clientEndpoint = new Endpoint(config, random.split());
        this.serverAddress = network.attach(serverEndpoint);
        this.clientAddress = network.attach(clientEndpoint);
        network.setPath(clientAddress, serverAddress, link);
        serverEndpoint.listen();
        this.totalBytes = totalBytes;
        this.client = clientEndpoint.connect(network.nowNanos(), serverAddress);
        this.lastHeardNanos = network.nowNanos();
    }

    /**
     * Handles one network event due no later than {@code limitNanos}, with the applications
     * pumped before and after. If none is due, the clock moves to {@code limitNanos}.
     */
    void step(long limitNanos) {
        pump();
        int[] checks = {0};
        network.runUntil(() -> checks[0]++ > 0, Math.max(0, limitNanos - network.nowNanos()));
        long heard = network.stats(serverAddress, clientAddress).delivered();
        if (heard != heardCount) {
            heardCount = heard;
            longestSilenceNanos = Math.max(longestSilenceNanos, network.nowNanos() - lastHeardNanos);
            lastHeardNanos = network.nowNanos();
        }
        pump();
        if (clientEndedNanos < 0 && client.state().isTerminating()) {
            clientEndedNanos = network.nowNanos();
        }
    }

    /** Steps until {@code done} holds or the clock reaches {@code limitNanos}; returns {@code done}. */
    boolean runUntil(java.util.function.BooleanSupplier done, long limitNanos) {
        while (!done.getAsBoolean() && network.nowNanos() - limitNanos < 0) {
            step(limitNanos);
        }
        return done.getAsBoolean();
    }

    /** The server read every byte, in order and unchanged, and the end of the stream. */
    boolean complete() {
        return endOfStream && read == totalBytes && !corrupt;
    }

    /** Bytes the server application has read so far. */
    long bytesRead() {
        return read;
    }

    /** When the client last received a datagram. */
    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /** The longest time the client went without receiving a datagram, up to the last one it received. */
    long longestSilenceNanos() {
        return longestSilenceNanos;
    }

    /** When the client's connection began to end (closing, draining or closed), or -1. */
    long clientEndedNanos() {
        return clientEndedNanos;
    }

    /** Why the client's connection ended, or {@code null} while it is open. */
    CloseReason clientCloseReason() {
        return client.closeReason();
    }

    /** Datagrams the client has handed to the network so far. */
    long clientDatagramsSent() {
        return network.stats(clientAddress, serverAddress).sent();
    }

    private void pump() {
        long now = network.nowNanos();
        if (server == null) {
            server = serverEndpoint.pollAccepted();
        }
        if (client.isEstablished()) {
            write(now);
        }
        if (server != null) {
            readAll();
        }
    }

    private void write(long now) {
        while (!client.isOutputShutdown()) {
            if (chunkOffset == chunkLength) {
                int n = (int) Math.min(CHUNK_BYTES, totalBytes - written);
                if (n == 0) {
                    client.shutdownOutput(now);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    writeChunk[i] = patternAt(written + i);
                }
                chunkOffset = 0;
                chunkLength = n;
            }
            int taken = client.write(now, writeChunk, chunkOffset, chunkLength - chunkOffset);
            if (taken == 0) {
                return;
            }
            chunkOffset += taken;
            written += taken;
        }
    }

    private void readAll() {
        while (!endOfStream) {
            int n = server.read(readChunk, 0, readChunk.length);
            if (n < 0) {
                endOfStream = true;
                return;
            }
            if (n == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                corrupt |= readChunk[i] != patternAt(read + i);
            }
            read += n;
        }
    }

    /** The byte at stream offset {@code offset}: varies within and across 256-byte spans. */
    private static byte patternAt(long offset) {
        return (byte) (offset * 131 + (offset >>> 9));
    }
}
