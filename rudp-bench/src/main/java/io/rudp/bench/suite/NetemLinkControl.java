package io.rudp.bench.suite;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drives the link emulator's scripts ({@code up.sh}, {@code down.sh} in the emulator's folder) and
 * the namespaces' TCP congestion controller, every call bounded in time. {@link #close()} (also
 * run by the shutdown hook it installs, on Ctrl-C) ends every child of the section and runs
 * {@code down.sh}, which removes only what {@code up.sh} created.
 */
final class NetemLinkControl implements AutoCloseable {

    /** The namespaces and addresses of up.sh's defaults, which the section uses. */
    static final String NS_A = "rudpA";
    static final String NS_B = "rudpB";
    static final String ADDRESS_A = "10.77.0.1";
    static final String ADDRESS_B = "10.77.0.2";
    /** up.sh may build linkem with gcc on its first call. */
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SYSCTL_TIMEOUT = Duration.ofSeconds(10);

    private final Path netemDir;
    private final Path buildDir;
    private final Path log;
    private final Thread hook;
    private volatile boolean wasUp;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held while a script starts, and while teardown begins: no script starts after the teardown began. */
    private final ReentrantLock startLock = new ReentrantLock();

    /**
     * @param netemDir the emulator's folder
     * @param buildDir where up.sh builds linkem (LINKEM_BUILD_DIR), so the shared folder stays untouched
     * @param log where the scripts' output is appended
     */
    NetemLinkControl(Path netemDir, Path buildDir, Path log) {
        this.netemDir = netemDir;
        this.buildDir = buildDir;
        this.log = log;
        this.hook = new Thread(this::teardownFromHook, BenchThreads.PREFIX + "netem-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * (Re)starts the emulator with {@code link}'s impairments and {@code seed}; the first call also
     * creates the namespaces. Returns what the previous emulator's final counters were, if any.
     */
    List<String> up(NetemLink link, long seed) throws IOException, InterruptedException, TimeoutException {
        List<String> cmd = new ArrayList<>(List.of("bash", netemDir.resolve("up.sh").toString()));
        cmd.addAll(link.emulatorArgs(seed));
        wasUp = true;
        return script("up.sh " + link.spec(), cmd, UP_TIMEOUT);
    }

    /** Stops the emulator, keeping the namespaces; returns its final counters' lines. */
    List<String> stopEmulator() throws IOException, InterruptedException, TimeoutException {
        return script("down.sh --emulator-only", List.of("bash", netemDir.resolve("down.sh").toString(),
                "--emulator-only"), DOWN_TIMEOUT).stream().filter(l -> l.startsWith("linkem final")).toList();
    }

    /** Sets {@code net.ipv4.tcp_congestion_control} in both namespaces and reads it back from A. */
    String setTcpController(String controller) throws IOException, InterruptedException, TimeoutException {
        for (String ns : List.of(NS_A, NS_B)) {
            script("sysctl in " + ns, List.of("ip", "netns", "exec", ns, "sysctl", "-qw",
                    "net.ipv4.tcp_congestion_control=" + controller), SYSCTL_TIMEOUT);
        }
        List<String> out = script("sysctl in " + NS_A, List.of("ip", "netns", "exec", NS_A, "sysctl", "-n",
                "net.ipv4.tcp_congestion_control"), SYSCTL_TIMEOUT);
        return out.isEmpty() ? "?" : out.get(0).trim();
    }

    /**
     * Runs {@code command} to its end within {@code timeout}; returns its output lines.
     *
     * @throws IOException with the output when it exits with a code other than 0
     */
    private List<String> script(String name, List<String> command, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        try (NetemChild child = startScript(name, command)) {
            int code = child.awaitExit(System.nanoTime() + timeout.toNanos());
            String output = child.awaitTranscript();
            appendLog("$ " + String.join(" ", command) + "\n" + output + (code != 0 ? "(exit code " + code + ")\n" : ""));
            if (code != 0) {
                throw new IOException(name + " failed (exit code " + code + "): " + output.strip().replace('\n', ' '));
            }
            return output.lines().toList();
        }
    }

    private NetemChild startScript(String name, List<String> command) throws IOException {
        startLock.lock();
        try {
            if (closed.get()) {
                throw new IOException(name + ": not started, the link is being torn down");
            }
            return NetemChild.start(name, command, Map.of("LINKEM_BUILD_DIR", buildDir.toString()), null);
        } finally {
            startLock.unlock();
        }
    }

    private void appendLog(String text) {
        try {
            java.nio.file.Files.writeString(log, text, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a convenience; the run goes on without it
        }
    }

    /** Whether the teardown began (close, or the shutdown hook on Ctrl-C): no further run can start. */
    boolean tornDown() {
        return closed.get();
    }

    /** Ends every child, deletes the link (down.sh) and removes the shutdown hook. */
    @Override
    public void close() throws IOException, TimeoutException {
        try {
            teardown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while tearing the link down; run "
                    + netemDir.resolve("down.sh") + " by hand");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs (or ran) the same teardown
            }
        }
    }

    private void teardownFromHook() {
        try {
            teardown();
        } catch (Exception e) {
            System.err.println("rudp bench: netem: teardown on exit failed: " + e.getMessage()
                    + "; run " + netemDir.resolve("down.sh") + " by hand");
        }
    }

    private void teardown() throws IOException, InterruptedException, TimeoutException {
        startLock.lock();
        try {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        } finally {
            startLock.unlock();
        }
        NetemChild.killAll(); // the section's ends and any script under way
        if (wasUp) {
            try (NetemChild child = NetemChild.start("down.sh", List.of("bash", netemDir.resolve("down.sh").toString()),
                    Map.of(), null)) {
                int code = child.awaitExit(System.nanoTime() + DOWN_TIMEOUT.toNanos());
                appendLog("$ down.sh\n" + child.awaitTranscript() + (code != 0 ? "(exit code " + code + ")\n" : ""));
                if (code != 0) {
                    throw new IOException("down.sh failed (exit code " + code + "); see " + log);
                }
            }
        }
    }
}
