/**
 * The {@code rudp proxy} engine: {@link io.rudp.cli.proxy.ImpairmentProxy}, a real-time UDP relay
 * that passes each client's traffic through {@link io.rudp.testkit.Impairment} engines (the same
 * ones the simulator uses), with its bounds ({@link io.rudp.cli.proxy.ProxyLimits}), counters
 * ({@link io.rudp.cli.proxy.ProxyStats}) and the command-line value parsers
 * ({@link io.rudp.cli.proxy.Units}).
 */
package io.rudp.cli.proxy;
