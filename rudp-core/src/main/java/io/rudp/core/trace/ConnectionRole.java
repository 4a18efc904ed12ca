package io.rudp.core.trace;

/** Which side of a connection a trace describes. */
public enum ConnectionRole {
    /** The side that called {@code connect}. */
    CLIENT,
    /** The side that accepted the connection. */
    SERVER
}
