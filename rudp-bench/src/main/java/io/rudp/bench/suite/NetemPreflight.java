package io.rudp.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the {@code netem} section needs before it touches anything: root, {@code /dev/net/tun},
 * {@code ip}, {@code gcc} and {@code make} on the PATH, the emulator's folder; and which TCP
 * congestion controllers a namespace may use (only those in the host-wide
 * {@code net.ipv4.tcp_allowed_congestion_control}; the section never changes that list).
 */
final class NetemPreflight {

    /** Environment variable naming the emulator's folder (the {@code --netem-dir} option wins). */
    static final String DIR_ENV = "RUDP_NETEM_DIR";
    static final Path TUN = Path.of("/dev/net/tun");
    static final Path NETNS_DIR = Path.of("/var/run/netns");
    static final Path ALLOWED_CC = Path.of("/proc/sys/net/ipv4/tcp_allowed_congestion_control");
    static final Path AVAILABLE_CC = Path.of("/proc/sys/net/ipv4/tcp_available_congestion_control");
    private static final List<String> TOOLS = List.of("ip", "gcc", "make");

    /** The facts the checks read; tests give their own. */
    interface Probe {
        /** Whether this process runs with effective user id 0. */
        boolean isRoot();

        /** Whether {@code path} exists. */
        boolean exists(Path path);

        /** Whether an executable called {@code command} is on the PATH. */
        boolean onPath(String command);

        /** The file's text, or empty when it cannot be read. */
        Optional<String> read(Path path);

        /** An environment variable, or null. */
        String env(String name);
    }

    /** The outcome: what is missing (empty when the section can run) and the allowed controllers. */
    record Result(Path netemDir, List<String> missing, List<String> allowedControllers) {
        boolean canRun() {
            return missing.isEmpty();
        }

        /** Whether TCP in a namespace may use {@code controller} (e.g. "cubic"). */
        boolean allows(String controller) {
            return allowedControllers.contains(controller);
        }
    }

    private NetemPreflight() {
    }

    /**
     * Runs every check.
     *
     * @param optionDir the {@code --netem-dir} option, or null
     * @param repositoryRoot the repository's root (the emulator is looked for at
     *     {@code ROOT/../shared/netem}), or null when unknown
     */
    static Result check(Probe probe, Path optionDir, Path repositoryRoot) {
        List<String> missing = new ArrayList<>();
        if (!probe.isRoot()) {
            missing.add("not running as root (the emulator creates network namespaces and TUN devices)");
        }
        if (!probe.exists(TUN)) {
            missing.add("no " + TUN);
        }
        for (String tool : TOOLS) {
            if (!probe.onPath(tool)) {
                missing.add("no `" + tool + "` on the PATH");
            }
        }
        Path dir = resolveDir(probe, optionDir, repositoryRoot);
        if (dir == null) {
            missing.add("the emulator's folder is unknown (give --netem-dir or " + DIR_ENV + ")");
        } else if (!probe.exists(dir.resolve("up.sh")) || !probe.exists(dir.resolve("down.sh"))) {
            missing.add("no emulator at " + dir + " (up.sh and down.sh; give --netem-dir or " + DIR_ENV + ")");
        }
        for (String ns : List.of(NetemLinkControl.NS_A, NetemLinkControl.NS_B)) {
            if (probe.exists(NETNS_DIR.resolve(ns))) {
                missing.add("network namespace " + ns + " exists already (another run's link, or a leftover: "
                        + (dir != null ? dir.resolve("down.sh") : "down.sh") + " removes what up.sh created)");
            }
        }
        List<String> allowed = words(probe.read(ALLOWED_CC).orElse(""));
        List<String> available = words(probe.read(AVAILABLE_CC).orElse(""));
        allowed.retainAll(available);
        return new Result(dir, List.copyOf(missing), List.copyOf(allowed));
    }

    /** The option, else the environment variable, else {@code ROOT/../shared/netem}; null if none applies. */
    static Path resolveDir(Probe probe, Path optionDir, Path repositoryRoot) {
        if (optionDir != null) {
            return optionDir.toAbsolutePath().normalize();
        }
        String env = probe.env(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env.trim()).toAbsolutePath().normalize();
        }
        if (repositoryRoot == null) {
            return null;
        }
        return repositoryRoot.toAbsolutePath().resolve("../shared/netem").normalize();
    }

    /**
     * The repository's root, from where this class was loaded: {@code ROOT/rudp-bench/target/classes}
     * or {@code ROOT/rudp-bench/target/rudp-bench.jar}; null when it is neither.
     */
    static Path repositoryRoot(Path codeSource) {
        Path p = codeSource.toAbsolutePath().normalize();
        for (Path q = p; q != null; q = q.getParent()) {
            Path name = q.getFileName();
            if (name != null && name.toString().equals("target") && q.getParent() != null
                    && q.getParent().getParent() != null) {
                return q.getParent().getParent();
            }
        }
        return null;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The probe of this machine. */
    static Probe system() {
        return new Probe() {
            @Override
            public boolean isRoot() {
                // "Uid: real effective saved fs" in /proc/self/status (Linux)
                return read(Path.of("/proc/self/status")).flatMap(s -> s.lines().filter(l -> l.startsWith("Uid:"))
                        .findFirst()).map(l -> l.split("\\s+")).filter(f -> f.length > 2)
                        .map(f -> f[2].equals("0")).orElse(false);
            }

            @Override
            public boolean exists(Path path) {
                return Files.exists(path);
            }

            @Override
            public boolean onPath(String command) {
                String path = System.getenv("PATH");
                if (path == null) {
                    return false;
                }
                for (String dir : path.split(java.io.File.pathSeparator)) {
                    if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public Optional<String> read(Path path) {
                try {
                    return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException e) {
                    return Optional.empty();
                }
            }

            @Override
            public String env(String name) {
                return System.getenv(name);
            }
        };
    }
}
