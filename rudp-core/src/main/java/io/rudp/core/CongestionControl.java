package io.rudp.core;

/** The congestion controllers a connection can use (RFC 9002 §7 interface, chosen per config). */
public enum CongestionControl {
    /** NewReno as specified by RFC 9002 Appendix B: the reference controller. */
    NEW_RENO,
    /** CUBIC (RFC 9438): a cubic window growth function, beta 0.7, fast convergence. */
    CUBIC
}
