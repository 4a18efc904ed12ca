package io.rudp.testkit.scenarios;

import io.rudp.core.CloseReason;
import io.rudp.core.Connection;
import io.rudp.core.ConnectionState;
import io.rudp.core.DatagramEngine;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import io.rudp.testkit.SimulatedNetwork;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/**
 * Two endpoints on a simulated path, one connection between them, and an application on each
 * end that sends a fingerprinted stream and reads the other's. Everything derives from one seed.
 */
final class TransferScenario {

    final long seed;
    final SimulatedNetwork network;
    final Endpoint serverEndpoint;
    final Endpoint clientEndpoint;
    final InetSocketAddress serverAddress;
    final InetSocketAddress clientAddress;
    Connection client;
    Connection server;
    StreamApp clientApp;
    StreamApp serverApp;
    private long serverBytes;
    private boolean closeWhenDone;
    private boolean endStreams;

    TransferScenario(long seed, EngineConfig config, LinkConfig link) {
        this(seed, config, config, link);
    }

    TransferScenario(long seed, EngineConfig clientConfig, EngineConfig serverConfig, LinkConfig link) {
        this(seed, clientConfig, serverConfig, link, null, null);
    }

    /**
     * As the others, with the endpoints at the given addresses ({@code null}: the network's next
     * automatic address, a non-loopback one).
     */
    TransferScenario(long seed, EngineConfig clientConfig, EngineConfig serverConfig, LinkConfig link,
                     InetSocketAddress clientAt, InetSocketAddress serverAt) {
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        this.network = new SimulatedNetwork(random.nextLong());
        this.serverEndpoint = new Endpoint(serverConfig, random.split());
        this.clientEndpoint = new Endpoint(clientConfig, random.split());
        this.serverAddress = serverAt == null ? network.attach(serverEndpoint) : network.attach(serverEndpoint, serverAt);
        this.clientAddress = clientAt == null ? network.attach(clientEndpoint) : network.attach(clientEndpoint, clientAt);
        network.setPath(clientAddress, serverAddress, link);
        serverEndpoint.listen();
    }

    /** Connects and sets both applications up: each writes its bytes, reads the other's, then (optionally) closes. */
    TransferScenario start(long clientBytes, long serverBytes, boolean closeWhenDone) {
        return start(clientBytes, serverBytes, closeWhenDone, true);
    }

    /** As {@link #start(long, long, boolean)}, but both streams stay open after their bytes are written. */
    TransferScenario startOpen(long clientBytes, long serverBytes) {
        return start(clientBytes, serverBytes, false, false);
    }

    private TransferScenario start(long clientBytes, long serverBytes, boolean closeWhenDone, boolean endStreams) {
        this.serverBytes = serverBytes;
        this.closeWhenDone = closeWhenDone;
        this.endStreams = endStreams;
        client = clientEndpoint.connect(network.nowNanos(), serverAddress);
        clientApp = new StreamApp(client, clientBytes, seed * 31 + 1, closeWhenDone, endStreams);
        return this;
    }

    /** Pumps the applications and steps the network until {@code done} holds or the bound passes. */
    boolean runUntil(java.util.function.BooleanSupplier done, long maxVirtualNanos) {
        long limit = network.nowNanos() + maxVirtualNanos;
        while (network.nowNanos() - limit < 0) {
            pumpApplications();
            if (done.getAsBoolean()) {
                return true;
            }
            if (!network.step()) {
                pumpApplications();
                return done.getAsBoolean();
            }
        }
        return done.getAsBoolean();
    }

    void pumpApplications() {
        long now = network.nowNanos();
        if (clientApp != null && server == null) {
            server = serverEndpoint.pollAccepted();
            if (server != null) {
                serverApp = new StreamApp(server, serverBytes, seed * 31 + 2, closeWhenDone, endStreams);
            }
        }
        if (clientApp != null) {
            clientApp.pump(now);
        }
        if (serverApp != null) {
            serverApp.pump(now);
        }
    }

    /** Both connections ended normally, both endpoints forgot them, and no timer is armed. */
    boolean bothClosedCleanly() {
        return client != null && server != null
                && client.state() == ConnectionState.CLOSED && server.state() == ConnectionState.CLOSED
                && isNormal(client.closeReason()) && isNormal(server.closeReason())
                && clientEndpoint.connectionCount() == 0 && serverEndpoint.connectionCount() == 0
                && clientEndpoint.nextDeadlineNanos() == DatagramEngine.NO_DEADLINE
                && serverEndpoint.nextDeadlineNanos() == DatagramEngine.NO_DEADLINE;
    }

    private static boolean isNormal(CloseReason r) {
        return r != null && r.kind() == CloseReason.Kind.NORMAL;
    }

    /** Every byte each side wrote was read by the other exactly once, in order. */
    boolean streamsIntact() {
        return clientApp != null && serverApp != null
                && clientApp.wroteEverything() && serverApp.wroteEverything()
                && clientApp.sawEndOfStream() && serverApp.sawEndOfStream()
                && clientApp.bytesRead() == serverApp.bytesWritten()
                && serverApp.bytesRead() == clientApp.bytesWritten()
                && clientApp.readFingerprint() == serverApp.writtenFingerprint()
                && serverApp.readFingerprint() == clientApp.writtenFingerprint();
    }

    String describe() {
        return "seed " + seed + "; client " + client + " stats " + (client == null ? "-" : client.stats())
                + "; server " + server + " stats " + (server == null ? "-" : server.stats())
                + "; client app read " + (clientApp == null ? 0 : clientApp.bytesRead())
                + ", server app read " + (serverApp == null ? 0 : serverApp.bytesRead())
                + "; client endpoint " + clientEndpoint.stats() + "; server endpoint " + serverEndpoint.stats()
                + "; network " + network.describe();
    }
}
