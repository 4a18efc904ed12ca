package io.rudp.bench.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process of the {@code netem} section (an end of a transfer in a namespace, or a script),
 * with every wait bounded. Its standard output is read line by line into a bounded queue; its
 * standard error is appended to a log file. Every live child is listed so that a shutdown hook can
 * end them all ({@link #killAll()}).
 */
final class NetemChild implements AutoCloseable {

    /** Lines of standard output kept until read; a child prints a handful. */
    private static final int LINE_QUEUE_CAPACITY = 1024;
    private static final Set<NetemChild> LIVE = ConcurrentHashMap.newKeySet();

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(LINE_QUEUE_CAPACITY);
    private final StringBuilder transcript = new StringBuilder();
    private final CountDownLatch outputEnded = new CountDownLatch(1);

    private NetemChild(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readLines, BenchThreads.PREFIX + "netem-out-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command}, its standard error appended to {@code errorLog} (or, when that is null,
     * read with its standard output).
     *
     * @param env variables added to this process's environment
     */
    static NetemChild start(String name, List<String> command, Map<String, String> env, Path errorLog)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (errorLog != null) {
            pb.redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile()));
        } else {
            pb.redirectErrorStream(true);
        }
        pb.environment().putAll(env);
        NetemChild child = new NetemChild(name, pb.start());
        LIVE.add(child);
        return child;
    }

    private void readLines() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (transcript) {
                    if (transcript.length() < 64 * 1024) {
                        transcript.append(line).append('\n');
                    }
                }
                lines.offer(line); // a full queue drops: nobody waits for such chatter
            }
        } catch (IOException e) {
            // the process ended or was killed: nothing more to read
        } finally {
            outputEnded.countDown();
        }
    }

    /** Everything printed on standard output, once the output ended (waiting at most 5 s for that). */
    String awaitTranscript() throws InterruptedException {
        outputEnded.await(5, TimeUnit.SECONDS);
        return transcript();
    }

    /** The name given at the start, for messages. */
    String name() {
        return name;
    }

    /** Everything the child printed on standard output so far (at most 64 KiB). */
    String transcript() {
        synchronized (transcript) {
            return transcript.toString();
        }
    }

    /**
     * Waits for the next line starting with {@code prefix} and returns the rest of it. An
     * {@code ERROR} line from the child becomes an {@link IOException} with its text.
     *
     * @throws TimeoutException when no such line came before {@code deadlineNanos} ({@link System#nanoTime()})
     * @throws IOException when the child ended without printing it
     */
    String awaitLine(String prefix, long deadlineNanos) throws IOException, TimeoutException, InterruptedException {
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(name + ": no " + prefix.trim() + " line in time");
            }
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (line == null) {
                if (!process.isAlive() && lines.isEmpty()) {
                    // the reader may still be draining the pipe: one last short wait
                    line = lines.poll(200, TimeUnit.MILLISECONDS);
                    if (line == null) {
                        throw new IOException(name + " ended (exit code " + process.exitValue() + ") without a "
                                + prefix.trim() + " line");
                    }
                } else {
                    continue;
                }
            }
            if (line.startsWith(NetemPeer.ERROR)) {
                throw new IOException(name + ": " + line.substring(NetemPeer.ERROR.length()).trim());
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
    }

    /** Waits for the child to exit; returns its exit code. */
    int awaitExit(long deadlineNanos) throws TimeoutException, InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
            throw new TimeoutException(name + " did not exit in time");
        }
        return process.exitValue();
    }

    /** Ends the child (and anything it started) if it is still running, waiting at most 10 s. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(this);
        }
    }

    /** Ends every child still running (the shutdown hook's first step). */
    static void killAll() {
        for (NetemChild c : List.copyOf(LIVE)) {
            c.close();
        }
    }

    /** Parses {@code key=value key=value} into a map in order. */
    static Map<String, String> fields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
