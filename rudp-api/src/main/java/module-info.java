/**
 * The rudp socket API. Exports one package, {@code io.rudp}: servers, sockets, their settings
 * ({@link io.rudp.RudpConfig}), statistics and failures. Its own internals
 * ({@code io.rudp.internal}) are not exported.
 *
 * <p>It requires the engine module {@code io.rudp.core} transitively for one reason: the trace
 * SPI, {@code io.rudp.core.trace}, appears in the public API
 * ({@link io.rudp.RudpConfig.Builder#tracerFactory}, {@link io.rudp.TraceFiles}), so a module
 * reading {@code io.rudp} must read it too. Nothing else of the engine is in a public signature
 * of this module.
 */
module io.rudp {
    requires transitive io.rudp.core;

    exports io.rudp;
}
