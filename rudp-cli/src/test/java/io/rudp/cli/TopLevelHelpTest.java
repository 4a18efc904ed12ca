package io.rudp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The top-level help lists the subcommands and points at the benchmark suite. */
class TopLevelHelpTest {

    @Test
    void helpMentionsTheBenchCommandInItsFooter() {
        Cli.Result r = Cli.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("proxy").contains("rudp bench [--only loopback,latency,link,fairness]");
    }

    @Test
    void versionNamesTheReleaseTheJavaRuntimeAndTheSystem() {
        Cli.Result r = Cli.run("--version");

        assertThat(r.exitCode()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).matches("rudp \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines[1]).startsWith("Java " + System.getProperty("java.version")).contains(System.getProperty("os.name"));
    }
}
