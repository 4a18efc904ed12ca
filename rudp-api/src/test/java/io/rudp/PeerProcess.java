package io.rudp;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One side of a connection in a child JVM (the same {@code java}, the test classpath), so that a
 * test can kill it with {@link Process#destroyForcibly()} (SIGKILL): no close, no CLOSE frame, its
 * socket simply vanishes. The child's {@link #main} is the peer: {@code server MODE} accepts one
 * client, {@code client MODE PORT} connects to 127.0.0.1:PORT; then MODE {@code send} sends and
 * {@code receive} receives, without end.
 * It prints one line, {@code READY <port>}, once it is connected (the server: once it listens),
 * and exits by itself after {@link #CHILD_LIFETIME} whatever happens, so that a child whose test
 * died cannot linger.
 */
final class PeerProcess implements AutoCloseable {

    /** Settings of both sides: a short idle timeout, so that a vanished peer is noticed in seconds. */
    static final RudpConfig CONFIG = RudpConfig.builder()
            .idleTimeout(Duration.ofSeconds(2))
            .keepAliveInterval(Duration.ofMillis(500))
            .handshakeTimeout(Duration.ofSeconds(5))
            .closeTimeout(Duration.ofSeconds(2))
            .build();

    /** The child ends itself after this, even if nobody kills it. */
    static final Duration CHILD_LIFETIME = Duration.ofSeconds(60);

    private static final int CHUNK_BYTES = 16 * 1024;

    private final Process process;
    private final Path log;

    private PeerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the child with {@code args} and waits, at most {@code bound}, for its {@code READY}
     * line; returns the port it printed through {@code port[0]}.
     */
    static PeerProcess start(Duration bound, int[] port, String... args) throws IOException {
        Path log = Files.createTempFile("rudp-peer-", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(testClasspath());
        command.add(PeerProcess.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        PeerProcess peer = new PeerProcess(process, log);
        try {
            port[0] = peer.awaitReady(bound);
            return peer;
        } catch (IOException | RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    /** Both halves of the test classpath: surefire puts the main modules on the module path. */
    private static String testClasspath() {
        List<String> parts = new ArrayList<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                parts.add(value);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    private int awaitReady(Duration bound) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String ready;
        try {
            ready = line.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the child did not get ready within " + bound + "; its stderr: " + stderr());
        } catch (ExecutionException | InterruptedException e) {
            throw new IOException("reading the child's output failed; its stderr: " + stderr(), e);
        }
        if (ready == null || !ready.startsWith("READY ")) {
            throw new IOException("the child said " + ready + " instead of READY; its stderr: " + stderr());
        }
        return Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    /** SIGKILL, then waits (bounded) until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not die within 10 s of SIGKILL");
        }
    }

    /** What the child wrote on stderr so far. */
    String stderr() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Kills the child if it still runs and removes its log. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary file: best effort
        }
    }

    // ---------------------------------------------------------------- the child

    /** The child's entry point: {@code server MODE} or {@code client MODE PORT}, MODE {@code send} or {@code receive}. */
    public static void main(String[] args) throws Exception {
        Thread reaper = new Thread(() -> {
            try {
                Thread.sleep(CHILD_LIFETIME.toMillis());
            } catch (InterruptedException ignored) {
                // exit anyway
            }
            System.err.println("peer: lifetime over, exiting");
            Runtime.getRuntime().halt(3);
        }, "peer-lifetime");
        reaper.setDaemon(true);
        reaper.start();
        boolean send = args[1].equals("send");
        if (args[0].equals("server")) {
            runServer(send);
        } else {
            runClient(send, Integer.parseInt(args[2]));
        }
    }

    private static void runServer(boolean send) throws IOException {
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), CONFIG)) {
            server.listen();
            System.out.println("READY " + server.localAddress().getPort());
            System.out.flush();
            ClientConnection c = server.accept(CHILD_LIFETIME);
            transferForever(c, send);
        }
    }

    private static void runClient(boolean send, int port) throws IOException {
        try (ReliableSocket socket = new ReliableSocket(new InetSocketAddress("127.0.0.1", port), CONFIG)) {
            socket.connect();
            System.out.println("READY " + socket.localAddress().getPort());
            System.out.flush();
            transferForever(socket, send);
        }
    }

    private static void transferForever(RudpConnection c, boolean send) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        long deadlineNanos = System.nanoTime() + CHILD_LIFETIME.toNanos();
        for (long n = 0; System.nanoTime() - deadlineNanos < 0; n++) {
            if (send) {
                chunk[0] = (byte) n;
                c.send(chunk);
            } else if (c.receive(chunk, 0, chunk.length) < 0) {
                return;
            }
        }
    }
}
