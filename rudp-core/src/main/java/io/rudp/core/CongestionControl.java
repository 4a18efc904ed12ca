package io.rudp.core;

/** The congestion controllers a connection can use (RFC 9002 §7 interface, chosen per config). */
public enum CongestionControl {
    /** NewReno as specified by RFC 9002 Appendix B: the reference controller. */
    NEW_RENO,
    /** CUBIC (RFC 9438): a cubic window growth function, beta 0.7, fast convergence. */
    CUBIC,
    /**
     * A model-based controller in the manner of BBR: paces at the measured bottleneck bandwidth
     * and keeps about two bandwidth-delay products in flight, so random loss does not slow it.
     */
    BBR
}
