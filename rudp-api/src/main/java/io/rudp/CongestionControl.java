package io.rudp;

/**
 * The congestion controllers a connection can use, chosen with
 * {@link RudpConfig.Builder#congestionControl(CongestionControl)} (the controller interface of
 * RFC 9002 §7). Each side chooses its own: the controller governs what this side sends.
 */
public enum CongestionControl {
    /** NewReno as specified by RFC 9002 Appendix B: the reference controller. */
    NEW_RENO,
    /** CUBIC (RFC 9438): a cubic window growth function, beta 0.7, fast convergence. */
    CUBIC,
    /**
     * A model-based controller in the manner of BBR: paces at the measured bottleneck bandwidth
     * and keeps about two bandwidth-delay products in flight, so random loss does not slow it.
     * The default.
     */
    BBR
}
