package io.rudp.cli.proxy;

import io.rudp.testkit.LinkConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real-time UDP relay that impairs traffic: it listens on a UDP address and relays each
 * client's datagrams to one target, through the same {@link io.rudp.testkit.Impairment} engine the
 * simulator uses.
 *
 * <p>Each distinct client address gets its own upstream socket (an ephemeral port connected to
 * the target), so the target sees one peer per client, and its own pair of engines: "up" (client
 * to target) and "down" (target to client), seeded from the proxy's seed and the order in which
 * clients appeared ({@link LinkSharing#SHARED} puts all clients through one pair instead, so they
 * compete for one bottleneck). One platform thread does everything with a {@link Selector}: it reads every
 * socket, schedules the surviving copies by (time, arrival order), sends each when it is due
 * (within about a millisecond) and otherwise sleeps in {@code select}.
 *
 * <p>Bounded ({@link ProxyLimits}): at most {@code maxClients} mappings (datagrams of further new
 * clients are dropped and counted), idle mappings expire, and the bytes waiting for their
 * delivery time are capped (excess copies are dropped and counted).
 *
 * <pre>{@code
 * try (ImpairmentProxy proxy = ImpairmentProxy.start(new InetSocketAddress("127.0.0.1", 0),
 *         server, LinkConfig.builder().lossRate(0.05).build(), LinkConfig.perfect(), 42)) {
 *     // point clients at proxy.localAddress()
 *     System.out.println(proxy.stats().describe());
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class ImpairmentProxy implements AutoCloseable {

    /** How long {@link #close()} waits for the relay thread before giving up on it. */
    static final Duration CLOSE_JOIN = Duration.ofSeconds(5);
    /** How long {@link #stats()} waits for the relay thread's answer. */
    static final Duration STATS_TIMEOUT = Duration.ofSeconds(10);
    /** The receive buffer the listening socket asks the operating system for. */
    private static final int LISTEN_RECEIVE_BUFFER_BYTES = 4 << 20;

    private final InetSocketAddress localAddress;
    private final InetSocketAddress target;
    private final RelayLoop loop;
    private final Thread thread;
    private final ProgressSignal progress = new ProgressSignal();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean ended;
    private volatile ProxyStats finalStats;
    private volatile Throwable failure;

    private ImpairmentProxy(InetSocketAddress localAddress, InetSocketAddress target,
            Selector selector, DatagramChannel listen, LinkConfig up, LinkConfig down, long seed,
            ProxyLimits limits, LinkSharing sharing, PcapWriter capture) {
        this.localAddress = localAddress;
        this.target = target;
        this.loop = new RelayLoop(selector, listen, target, up, down, seed, limits, sharing,
                progress, capture);
        this.thread = new Thread(this::runLoop, "rudp-proxy-" + localAddress.getPort());
        this.thread.setDaemon(true);
    }

    /** {@link #start(InetSocketAddress, InetSocketAddress, LinkConfig, LinkConfig, long,
     * ProxyLimits)} with {@link ProxyLimits#defaults()}. */
    public static ImpairmentProxy start(InetSocketAddress listen, InetSocketAddress target,
            LinkConfig up, LinkConfig down, long seed) throws IOException {
        return start(listen, target, up, down, seed, ProxyLimits.defaults());
    }

    /**
     * Binds the listening socket and starts the relay thread.
     *
     * @param listen where clients send (port 0 picks a free port; see {@link #localAddress()})
     * @param target where their datagrams go; must be resolved
     * @param up impairments from clients to the target
     * @param down impairments from the target to clients
     * @param seed the origin of every random decision
     * @param limits the proxy's bounds
     * @throws BindException if the listening address is in use or not local
     * @throws IOException if the sockets cannot be opened
     * @throws IllegalArgumentException if the target is unresolved, has port 0, or is the
     *     proxy's own listening address
     */
    public static ImpairmentProxy start(InetSocketAddress listen, InetSocketAddress target,
            LinkConfig up, LinkConfig down, long seed, ProxyLimits limits) throws IOException {
        return start(listen, target, up, down, seed, limits, LinkSharing.PER_CLIENT);
    }

    /**
     * As {@link #start(InetSocketAddress, InetSocketAddress, LinkConfig, LinkConfig, long,
     * ProxyLimits)}, choosing whether clients get their own link or share one.
     *
     * @param sharing {@link LinkSharing#SHARED} puts every client through one engine per direction
     *     (one rate limit and one queue, competed for), {@link LinkSharing#PER_CLIENT} gives each
     *     client its own
     */
    public static ImpairmentProxy start(InetSocketAddress listen, InetSocketAddress target,
            LinkConfig up, LinkConfig down, long seed, ProxyLimits limits, LinkSharing sharing)
            throws IOException {
        return start(listen, target, up, down, seed, limits, sharing, null);
    }

    /**
     * As {@link #start(InetSocketAddress, InetSocketAddress, LinkConfig, LinkConfig, long,
     * ProxyLimits, LinkSharing)}, writing every delivered datagram into {@code capture}.
     *
     * @param capture the pcap file to write (the proxy closes it when it stops), or null for none
     */
    public static ImpairmentProxy start(InetSocketAddress listen, InetSocketAddress target,
            LinkConfig up, LinkConfig down, long seed, ProxyLimits limits, LinkSharing sharing,
            PcapWriter capture) throws IOException {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(sharing, "sharing");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        Objects.requireNonNull(limits, "limits");
        if (target.isUnresolved() || target.getPort() == 0) {
            throw new IllegalArgumentException("target must be a resolved address with a port, got "
                    + target);
        }
        DatagramChannel channel = DatagramChannel.open(listen.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        Selector selector = null;
        try {
            try {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, LISTEN_RECEIVE_BUFFER_BYTES);
            } catch (IOException | UnsupportedOperationException e) {
                // a smaller buffer only means more drops under load
            }
            try {
                channel.bind(listen);
            } catch (BindException e) {
                BindException clear = new BindException("cannot listen on "
                        + format(listen) + ": " + e.getMessage());
                clear.initCause(e);
                throw clear;
            }
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            if (isSelf(local, target)) {
                throw new IllegalArgumentException("target " + format(target)
                        + " is the proxy's own listening address");
            }
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ, null);
            ImpairmentProxy proxy = new ImpairmentProxy(local, target, selector, channel, up,
                    down, seed, limits, sharing, capture);
            proxy.thread.start();
            return proxy;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /** The address the proxy listens on (with the actual port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The address datagrams are relayed to. */
    public InetSocketAddress target() {
        return target;
    }

    /** Whether the relay thread is still running (false after {@link #close()} or a failure). */
    public boolean isRunning() {
        return !ended;
    }

    /** What ended the relay thread other than {@link #close()}, or null. */
    public Throwable failure() {
        return failure;
    }

    /**
     * A consistent snapshot of the counters, taken by the relay thread (or the final counters
     * once it has ended).
     *
     * @throws IllegalStateException if the relay thread does not answer within 10 s
     */
    public ProxyStats stats() {
        if (ended) {
            return finalStats;
        }
        CompletableFuture<ProxyStats> request = new CompletableFuture<>();
        loop.requestStats(request);
        if (ended) {
            return finalStats; // the loop ended: it answered the request already or never will
        }
        try {
            return request.get(STATS_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the proxy's counters", e);
        } catch (ExecutionException | TimeoutException e) {
            if (ended) {
                return finalStats;
            }
            throw new IllegalStateException("the proxy's relay thread did not report its counters"
                    + " within " + STATS_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** One line for people: where it listens, where it relays, and whether it runs. */
    public String describe() {
        return "impairment proxy on " + format(localAddress) + " -> " + format(target)
                + (ended ? " (stopped)" : "");
    }

    /**
     * Waits until {@code condition} holds for the counters, re-checking whenever the relay thread
     * receives, sends or expires something. For tests and tools that wait on traffic.
     *
     * @return true once the condition holds; false after {@code timeout} or when the proxy stopped
     *     without it holding
     */
    public boolean awaitStats(Predicate<ProxyStats> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        progress.enter();
        try {
            while (true) {
                long seen = progress.generation();
                boolean stopped = ended;
                if (condition.test(stats())) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (stopped || left <= 0) {
                    return false;
                }
                progress.awaitChange(seen, left);
            }
        } finally {
            progress.leave();
        }
    }

    /**
     * Waits up to {@code timeout} for the relay thread to end (after {@link #close()} from another
     * thread, or a failure).
     *
     * @return true if it has ended
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits, without a bound, for the relay thread to end. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /**
     * Stops the relay thread and closes every socket; waits up to 5 s for the thread. Copies
     * still pending are discarded (they stay counted as pending). Idempotent.
     */
    @Override
    public void close() {
        loop.requestStop();
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + CLOSE_JOIN.toNanos();
        while (thread.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true; // finish closing first
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void runLoop() {
        try {
            loop.run();
        } catch (Throwable t) {
            failure = t;
        } finally {
            finalStats = loop.snapshot();
            ended = true;
            loop.answerRemaining(finalStats);
            terminated.countDown();
            progress.signal();
        }
    }

    private static boolean isSelf(InetSocketAddress local, InetSocketAddress target) {
        if (local.getPort() != target.getPort()) {
            return false;
        }
        if (local.getAddress().equals(target.getAddress())) {
            return true;
        }
        return local.getAddress().isAnyLocalAddress()
                && (target.getAddress().isLoopbackAddress()
                        || target.getAddress().isAnyLocalAddress());
    }

    /** {@code host:port}, with brackets around IPv6 literals. */
    static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress()
                : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
