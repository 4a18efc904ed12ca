/**
 * The rudp protocol engine: sans-I/O (no clock, thread or socket), driven by whoever moves its
 * datagrams. Most applications use the socket API of module {@code io.rudp} instead.
 *
 * <p>Supported API, exported to everyone:
 * <ul>
 *   <li>{@code io.rudp.core}: the engine for those who drive it themselves (their own I/O loop,
 *       a simulator, a test): {@code DatagramEngine}, {@code Endpoint}, {@code Connection},
 *       {@code EngineConfig}, {@code ConnectionStats}, {@code CloseReason},
 *       {@code ConnectionListener} and their companions;
 *   <li>{@code io.rudp.core.trace}: the observability SPI, a per-connection event tracer.
 * </ul>
 *
 * <p>The packages the engine is made of ({@code wire}, {@code ack}, {@code loss},
 * {@code congestion}, {@code path}, {@code stream}, {@code util}) are internal: exported only to the project's own modules (the socket API
 * {@code io.rudp}, and the simulator, CLI and benchmarks, which name themselves
 * {@code io.rudp.testkit}, {@code io.rudp.cli} and {@code io.rudp.bench} in their jars'
 * {@code Automatic-Module-Name}), and free to change between releases. Those modules are built
 * after this one, so javac cannot see them when it compiles this file: its "module not found"
 * warning for each qualified export is expected, and suppressed here.
 */
@SuppressWarnings("module")
module io.rudp.core {
    exports io.rudp.core;
    exports io.rudp.core.trace;

    exports io.rudp.core.wire to io.rudp, io.rudp.testkit, io.rudp.cli, io.rudp.bench;
    exports io.rudp.core.ack to io.rudp, io.rudp.testkit, io.rudp.cli, io.rudp.bench;
    exports io.rudp.core.congestion to io.rudp, io.rudp.testkit, io.rudp.cli, io.rudp.bench;
    exports io.rudp.core.loss to io.rudp, io.rudp.testkit, io.rudp.cli, io.rudp.bench;
    exports io.rudp.core.path to io.rudp, io.rudp.testkit, io.rudp.cli, io.rudp.bench;
    exports io.rudp.core.stream to io.rudp, io.rudp.testkit, io.rudp.cli, io.rudp.bench;
    exports io.rudp.core.util to io.rudp, io.rudp.testkit, io.rudp.cli, io.rudp.bench;
}
