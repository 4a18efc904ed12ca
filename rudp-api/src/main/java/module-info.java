/**
 * The rudp socket API. Exports one package, {@code io.rudp}; its settings and statistics types
 * come from the engine module {@code io.rudp.core}, which it requires transitively.
 */
module io.rudp {
    requires transitive io.rudp.core;

    exports io.rudp;
}
