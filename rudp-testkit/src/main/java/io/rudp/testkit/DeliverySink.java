package io.rudp.testkit;

/**
 * Where an {@link Impairment} hands the copies of a datagram that survive it: called 0 times (the
 * datagram was dropped), once, or twice (it was duplicated), always from inside
 * {@link Impairment#transmit}, in the order the copies are due.
 */
@FunctionalInterface
public interface DeliverySink {

    /**
     * Schedules one copy for delivery.
     *
     * @param atNanos when the copy arrives, on the caller's clock (the one whose time was passed to
     *     {@code transmit}); never before that time
     * @param datagram the copy; the sink owns it from now on (the second copy of a duplicate is a
     *     separate array)
     */
    void deliver(long atNanos, byte[] datagram);
}
