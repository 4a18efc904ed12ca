package io.rudp.internal;

import io.rudp.CloseReason;
import io.rudp.CongestionControl;
import io.rudp.ConnectionStats;
import io.rudp.RudpConfig;
import io.rudp.core.EngineConfig;
import java.util.Objects;

/**
 * The one place where the engine's types become the socket API's public ones and back: the
 * public API ({@code io.rudp}) speaks only its own types, the JDK's and the trace SPI, while the
 * socket layer's internals ({@code io.rudp.internal}) and the engine speak the engine's
 * ({@link EngineConfig}, {@link io.rudp.core.CloseReason}, {@link io.rudp.core.ConnectionStats}).
 *
 * <p>Not public API: the package is not exported by module {@code io.rudp}. On the class path
 * the project's own CLI and benchmarks use {@link #engineConfig(RudpConfig)} and
 * {@link #rudpConfig(EngineConfig)} where one set of settings drives both the socket API and the
 * engine or simulator.
 */
public final class PublicTypes {

    /**
     * Reaches {@link RudpConfig}'s package-private link to its engine settings; registered once by
     * {@code RudpConfig}'s static initializer, so that the link is not a public method.
     */
    public interface ConfigAccess {
        /** The engine settings {@code config} holds. */
        EngineConfig engineConfig(RudpConfig config);

        /** A {@link RudpConfig} holding {@code config}. */
        RudpConfig rudpConfig(EngineConfig config);
    }

    private static volatile ConfigAccess configAccess;

    private PublicTypes() {
    }

    /**
     * Called once, by {@code RudpConfig}'s static initializer; an access made anywhere else is
     * refused, so no other code can stand in for it.
     *
     * @throws IllegalArgumentException if {@code access} is not {@code RudpConfig}'s own
     * @throws IllegalStateException on a second call
     */
    public static synchronized void registerConfigAccess(ConfigAccess access) {
        Objects.requireNonNull(access, "access");
        if (access.getClass().getNestHost() != RudpConfig.class) {
            throw new IllegalArgumentException("only RudpConfig registers its access, not " + access.getClass().getName());
        }
        if (configAccess != null) {
            throw new IllegalStateException("the RudpConfig access is registered once, by RudpConfig");
        }
        configAccess = access;
    }

    private static ConfigAccess configAccess() {
        ConfigAccess a = configAccess;
        if (a == null) {
            RudpConfig.defaults(); // initializes RudpConfig, which registers the access
            a = configAccess;
        }
        return a;
    }

    /**
     * The engine's settings that {@code config} holds (the same instance, validated once).
     *
     * @throws NullPointerException if {@code config} is null
     */
    public static EngineConfig engineConfig(RudpConfig config) {
        Objects.requireNonNull(config, "config");
        return configAccess().engineConfig(config);
    }

    /**
     * The socket API's settings holding {@code config} (no copy, no second validation).
     *
     * @throws NullPointerException if {@code config} is null
     */
    public static RudpConfig rudpConfig(EngineConfig config) {
        Objects.requireNonNull(config, "config");
        return configAccess().rudpConfig(config);
    }

    /** The engine's controller of the user's choice. */
    public static io.rudp.core.CongestionControl congestionControl(CongestionControl cc) {
        return switch (cc) {
            case NEW_RENO -> io.rudp.core.CongestionControl.NEW_RENO;
            case CUBIC -> io.rudp.core.CongestionControl.CUBIC;
            case BBR -> io.rudp.core.CongestionControl.BBR;
        };
    }

    /** The user's name of the engine's controller. */
    public static CongestionControl congestionControl(io.rudp.core.CongestionControl cc) {
        return switch (cc) {
            case NEW_RENO -> CongestionControl.NEW_RENO;
            case CUBIC -> CongestionControl.CUBIC;
            case BBR -> CongestionControl.BBR;
        };
    }

    /** The engine's account of a connection's end, as the public API reports it. */
    public static CloseReason closeReason(io.rudp.core.CloseReason reason) {
        CloseReason.Kind kind = switch (reason.kind()) {
            case NORMAL -> CloseReason.Kind.NORMAL;
            case REFUSED -> CloseReason.Kind.REFUSED;
            case HANDSHAKE_TIMEOUT -> CloseReason.Kind.HANDSHAKE_TIMEOUT;
            case TIMED_OUT -> CloseReason.Kind.TIMED_OUT;
            case IDLE_TIMEOUT -> CloseReason.Kind.IDLE_TIMEOUT;
            case RESET_BY_PEER -> CloseReason.Kind.RESET_BY_PEER;
            case LOCAL_ABORT -> CloseReason.Kind.LOCAL_ABORT;
            case PROTOCOL_ERROR -> CloseReason.Kind.PROTOCOL_ERROR;
            case ENDPOINT_CLOSED -> CloseReason.Kind.ENDPOINT_CLOSED;
        };
        return new CloseReason(kind, reason.errorCode().name(), reason.message());
    }

    /** The engine's snapshot of a connection's counters, as the public API reports it. */
    public static ConnectionStats stats(io.rudp.core.ConnectionStats s) {
        return new ConnectionStats(s.packetsSent(), s.packetsReceived(), s.bytesSent(), s.bytesReceived(),
                s.streamBytesSent(), s.streamBytesReceived(), s.retransmittedPackets(), s.lostPackets(),
                s.probeTimeouts(), s.duplicatePackets(), s.corruptPackets(), s.smoothedRttNanos(),
                s.rttVarianceNanos(), s.minRttNanos(), s.congestionWindowBytes(), s.bytesInFlight(),
                s.spuriousLosses());
    }

    /** The endpoint's counters as the socket API reports them. */
    public static io.rudp.EndpointStats endpointStats(io.rudp.core.EndpointStats s) {
        return new io.rudp.EndpointStats(s.datagramsReceived(), s.bytesReceived(), s.datagramsSent(), s.bytesSent(), s.corruptDropped(), s.malformedDropped(), s.unknownVersionDropped(), s.undersizedHandshakeDropped(), s.unknownConnectionDropped(), s.addressMismatchDropped(), s.invalidCookieDropped(), s.challengesSent(), s.refusalsSent(), s.statelessRepliesDropped(), s.connectionsAccepted(), s.connectionsOpened(), s.connectionsClosed(), s.activeConnections(), s.acceptQueueLength(), s.internalErrors());
    }
}
