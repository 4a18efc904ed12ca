package io.rudp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The connection limit: configured, or a quarter of the heap at 16 KiB per idle connection, and said where it came from. */
class ConnectionLimitTest {

    private static final long MIB = 1L << 20;

    @Test
    void aConfiguredLimitIsTheLimitWhateverTheHeap() {
        EngineConfig config = EngineConfig.builder().maxConnections(500).build();

        ConnectionLimit limit = ConnectionLimit.resolve(config, 8L << 30);

        assertThat(limit.maxConnections()).isEqualTo(500);
        assertThat(limit.toString()).isEqualTo("500 connections (RudpConfig.maxConnections)");
    }

    @Test
    void byDefaultTheLimitFollowsTheHeap() {
        assertThat(EngineConfig.defaults().maxConnections()).as("0: from memory").isZero();

        assertThat(ConnectionLimit.resolve(EngineConfig.defaults(), 1024 * MIB).maxConnections()).isEqualTo(16_384);
        assertThat(ConnectionLimit.resolve(EngineConfig.defaults(), 4096 * MIB).maxConnections()).isEqualTo(65_536);
        assertThat(ConnectionLimit.resolve(EngineConfig.defaults(), 6028 * MIB).maxConnections()).isEqualTo(96_448);
        assertThat(ConnectionLimit.resolve(EngineConfig.defaults(), 1024 * MIB).toString()).isEqualTo(
                "16,384 connections (from memory: a quarter of the 1,024 MiB heap at 16 KiB per idle connection)");
    }

    @Test
    void aComputedLimitStaysWithinItsBoundsAndAnUnknownHeapIsSaid() {
        assertThat(ConnectionLimit.resolve(EngineConfig.defaults(), 2 * MIB).maxConnections())
                .isEqualTo(ConnectionLimit.MIN_FROM_MEMORY);
        assertThat(ConnectionLimit.resolve(EngineConfig.defaults(), 1L << 40).maxConnections())
                .isEqualTo(ConnectionLimit.MAX_CONNECTIONS);
        ConnectionLimit unknown = ConnectionLimit.resolve(EngineConfig.defaults(), Long.MAX_VALUE);
        assertThat(unknown.maxConnections()).isEqualTo(16_384);
        assertThat(unknown.origin()).contains("assumed 1,024 MiB");
        assertThat(new Endpoint(EngineConfig.defaults(), new SplittableRandom(1)).connectionLimit()).isEqualTo(unknown);
        assertThat(new Endpoint(EngineConfig.defaults(), new SplittableRandom(1), 2048 * MIB).connectionLimit()
                .maxConnections()).isEqualTo(32_768);
    }

    @Test
    void aClientConnectBeyondTheLimitSaysTheLimitAndWhereItCameFrom() {
        Endpoint endpoint = new Endpoint(EngineConfig.builder().maxConnections(1).build(), new SplittableRandom(2));
        java.net.InetSocketAddress server = new java.net.InetSocketAddress("127.0.0.1", 9);
        endpoint.connect(0, server);

        assertThatThrownBy(() -> endpoint.connect(1, server)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 connections (RudpConfig.maxConnections)");
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new ConnectionLimit(0, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionLimit(1, null)).isInstanceOf(NullPointerException.class);
    }
}
