package io.rudp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C is the documented way to stop {@code rudp proxy} and {@code rudp echo}: a child JVM runs
 * each, gets SIGINT once it listens, and must print its summary and exit 0 (not the 130 a JVM
 * exits with on SIGINT). Linux or another system with {@code kill}; skipped where there is none.
 */
class StopBySignalTest {

    private static final long BOUND_SECONDS = 30;

    @Test
    void proxyExitsZeroOnCtrlC() throws Exception {
        String out = runThenInterrupt("proxy", "--listen", "0", "--bind", "127.0.0.1", "--target", "127.0.0.1:9");
        assertThat(out).contains("rudp proxy: stopped after");
    }

    @Test
    void echoExitsZeroOnCtrlC() throws Exception {
        String out = runThenInterrupt("echo", "--port", "0", "--bind", "127.0.0.1");
        assertThat(out).contains("stopped: 0 connections served");
    }

    /** Starts {@code rudp args} in a child JVM, waits for "listening on", sends SIGINT; returns its stdout. */
    private static String runThenInterrupt(String... args) throws Exception {
        Path kill = Path.of("/bin/kill");
        assumeTrue(Files.isExecutable(kill), "no /bin/kill to send SIGINT with");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", testClasspath(), RudpCli.class.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("rudp-signal-", ".err");
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> readUntil(reader, out, "listening on"));
            listening.get(BOUND_SECONDS, TimeUnit.SECONDS);
            Process signal = new ProcessBuilder(kill.toString(), "-INT", Long.toString(child.pid())).start();
            assertThat(signal.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).as("kill returned").isTrue();
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> readUntil(reader, out, null));
            assertThat(child.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).as("the child exited after SIGINT").isTrue();
            rest.get(BOUND_SECONDS, TimeUnit.SECONDS);
            assertThat(child.exitValue()).as("exit status; stdout: %s; stderr: %s", out, Files.readString(err)).isZero();
            return out.toString();
        } finally {
            child.destroyForcibly();
            child.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
            Files.deleteIfExists(err);
        }
    }

    /** Appends lines to {@code out} until one contains {@code marker} (or the end, if null). */
    private static void readUntil(BufferedReader reader, StringBuilder out, String marker) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                out.append(line).append('\n');
                if (marker != null && line.contains(marker)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Both halves of the test classpath (surefire may put main modules on the module path). */
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
}
