package io.rudp.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.bench.report.MarkdownReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetemPreflightTest {

    @TempDir
    Path dir;

    /** A machine made up for the test. */
    static final class FakeProbe implements NetemPreflight.Probe {
        boolean root = true;
        final Set<Path> files = new HashSet<>();
        final Set<String> commands = new HashSet<>(Set.of("ip", "gcc", "make"));
        final Map<Path, String> texts = new HashMap<>();
        final Map<String, String> env = new HashMap<>();
        final List<String> touched = new java.util.ArrayList<>();

        FakeProbe(Path netemDir) {
            files.add(NetemPreflight.TUN);
            files.add(netemDir.resolve("up.sh"));
            files.add(netemDir.resolve("down.sh"));
            texts.put(NetemPreflight.ALLOWED_CC, "reno bbr\n");
            texts.put(NetemPreflight.AVAILABLE_CC, "reno bbr cubic\n");
        }

        @Override
        public boolean isRoot() {
            return root;
        }

        @Override
        public boolean exists(Path path) {
            touched.add(path.toString());
            return files.contains(path);
        }

        @Override
        public boolean onPath(String command) {
            return commands.contains(command);
        }

        @Override
        public Optional<String> read(Path path) {
            return Optional.ofNullable(texts.get(path));
        }

        @Override
        public String env(String name) {
            return env.get(name);
        }
    }

    private final Path repo = Path.of("/work/repo");
    private final Path netem = Path.of("/work/shared/netem");

    @Test
    void aMachineWithEverythingCanRunAndAllowsOnlyTheHostsControllers() {
        NetemPreflight.Result r = NetemPreflight.check(new FakeProbe(netem), null, repo);

        assertThat(r.canRun()).isTrue();
        assertThat(r.netemDir()).isEqualTo(netem);
        assertThat(r.allowedControllers()).containsExactly("reno", "bbr");
        assertThat(r.allows("bbr")).isTrue();
        assertThat(r.allows("cubic")).isFalse(); // loaded, but not in tcp_allowed_congestion_control
    }

    @Test
    void everyMissingPieceIsNamed() {
        FakeProbe probe = new FakeProbe(netem);
        probe.root = false;
        probe.files.remove(NetemPreflight.TUN);
        probe.commands.clear();

        NetemPreflight.Result r = NetemPreflight.check(probe, null, repo);

        assertThat(r.canRun()).isFalse();
        assertThat(String.join("; ", r.missing())).contains("not running as root", "no /dev/net/tun",
                "no `ip` on the PATH", "no `gcc` on the PATH", "no `make` on the PATH");
    }

    @Test
    void anExistingNamespaceIsNeverTakenOver() {
        FakeProbe probe = new FakeProbe(netem);
        probe.files.add(NetemPreflight.NETNS_DIR.resolve("rudpA"));

        NetemPreflight.Result r = NetemPreflight.check(probe, null, repo);

        assertThat(r.canRun()).isFalse();
        assertThat(r.missing()).singleElement().asString().contains("network namespace rudpA exists already",
                "/work/shared/netem/down.sh");
    }

    @Test
    void theEmulatorIsFoundByOptionThenEnvironmentThenBesideTheRepository() {
        FakeProbe probe = new FakeProbe(netem);
        assertThat(NetemPreflight.resolveDir(probe, null, repo)).isEqualTo(netem);
        probe.env.put(NetemPreflight.DIR_ENV, "/elsewhere/netem");
        assertThat(NetemPreflight.resolveDir(probe, null, repo)).isEqualTo(Path.of("/elsewhere/netem"));
        assertThat(NetemPreflight.resolveDir(probe, Path.of("/opt/netem"), repo)).isEqualTo(Path.of("/opt/netem"));
        assertThat(NetemPreflight.resolveDir(new FakeProbe(netem), null, null)).isNull();

        NetemPreflight.Result r = NetemPreflight.check(probe, null, repo);
        assertThat(r.missing()).singleElement().asString().contains("no emulator at /elsewhere/netem");
    }

    @Test
    void theRepositoryRootIsFoundFromTheJarOrTheClassesFolder() {
        assertThat(NetemPreflight.repositoryRoot(Path.of("/work/wt/rudp-bench/target/rudp-bench.jar")))
                .isEqualTo(Path.of("/work/wt"));
        assertThat(NetemPreflight.repositoryRoot(Path.of("/work/wt/rudp-bench/target/classes")))
                .isEqualTo(Path.of("/work/wt"));
        assertThat(NetemPreflight.repositoryRoot(Path.of("/usr/share/java/rudp-bench.jar"))).isNull();
    }

    @Test
    void withToolsMissingTheSectionSaysSoAndSkipsWithoutTouchingAnything() throws Exception {
        FakeProbe probe = new FakeProbe(netem);
        probe.commands.remove("gcc");
        probe.files.remove(NetemPreflight.TUN);
        NetemSection section = new NetemSection(NetemPlan.of(true, null, null, null, null, netem, 42), probe);
        StringWriter progress = new StringWriter();
        Path out = dir.resolve("out");
        Files.createDirectories(out);

        SectionResult r = section.run(new BenchContext(1, true, out, new PrintWriter(progress, true)));

        assertThat(r.name()).isEqualTo("netem");
        assertThat(r.tables()).isEmpty();
        assertThat(r.targets()).isEmpty();
        assertThat(r.notes()).singleElement().asString().startsWith("**Skipped**: ")
                .contains("no /dev/net/tun", "no `gcc` on the PATH", "--netem-dir");
        assertThat(progress.toString()).contains("netem: skipped: ");
        assertThat(out.resolve("netem-logs")).doesNotExist();
        assertThat(MarkdownReport.render(List.of(), List.of(r))).contains("(`netem`)", "**Skipped**");
    }

    @Test
    void theSectionIsRegisteredAfterTheOthers() {
        assertThat(Sections.NAMES).containsExactly("loopback", "latency", "link", "fairness", "handshake", "outage", "reorder", "idle", "clients", "netem");
    }
}
