package io.rudp.core;

/** The congestion controllers a connection can use (RFC 9002 §7 interface, chosen per config). */
public enum CongestionControl {
    /** NewReno as specified by RFC 9002 Appendix B: the reference controller. */
    NEW_RENO
}
