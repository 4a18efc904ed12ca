package io.rudp.internal;

/**
 * Work an application thread hands to an endpoint's driver thread, which runs it at the start of
 * its next turn with the engine lock held (connect, listen, close or abort every connection). See
 * {@link HandOff#submit} for why the queue of commands stays short.
 */
@FunctionalInterface
interface DriverCommand {

    /**
     * Runs on the driver thread, engine lock held.
     *
     * @param nowNanos the driver turn's time ({@code System.nanoTime()})
     */
    void run(long nowNanos);
}
