/**
 * A deterministic discrete-event network simulator for testing {@link io.rudp.core.DatagramEngine}
 * implementations on virtual time.
 *
 * <p>{@link io.rudp.testkit.SimulatedNetwork} attaches engines at addresses, moves datagrams
 * between them through per-direction links configured by {@link io.rudp.testkit.LinkConfig}
 * (delay, jitter, loss, burst loss, reordering, duplication, corruption, bandwidth) and fires
 * their timers. Every random decision derives from one seed, so a failing run replays exactly;
 * {@link io.rudp.testkit.LinkStats} reports what each link did.
 *
 * <p>{@link io.rudp.testkit.Impairment} is the impairment engine itself, usable on its own and on
 * the real clock: the simulator and the {@code rudp proxy} command share it.
 *
 * <p>{@link io.rudp.testkit.HandshakeTrials} runs series of seeded connects over a lossy simulated
 * path (the handshake scenario tests and {@code rudp bench --only handshake} share it).
 */
package io.rudp.testkit;
