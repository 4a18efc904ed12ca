package io.rudp.bench;

import io.rudp.bench.report.MarkdownReport;
import io.rudp.bench.suite.BenchContext;
import io.rudp.bench.suite.NetemPlan;
import io.rudp.bench.suite.Section;
import io.rudp.bench.suite.SectionResult;
import io.rudp.bench.suite.Sections;
import io.rudp.core.CongestionControl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rudp bench}: runs the project and its baselines over real sockets, several repetitions
 * per scenario, and writes {@code results.md} (Markdown tables, the targets checked) and
 * PNG charts to an output directory. Progress goes to stderr, the Markdown to stdout.
 *
 * <p>Exit codes: 0 every section ran; 1 a section failed (the report says which and why; the
 * others still ran); 2 bad usage (one line on stderr).
 */
@Command(name = "rudp bench", mixinStandardHelpOptions = true, versionProvider = BenchCommand.Version.class,
        sortOptions = false,
        description = "Benchmarks rudp against TCP and raw UDP over real sockets: loopback goodput, ping-pong"
                + " latency, goodput through the impairment proxy, fairness, handshakes, outages and loss detection under reordering (on the simulator),"
                + " the cost of idle connections (idle, clients) and rudp against TCP on an emulated link (netem: root only). Progress on stderr; the Markdown"
                + " report on stdout and in DIR/results.md, with PNG charts next to it.",
        footer = {"", "Measure on a quiet machine: other load moves every figure."})
public final class BenchCommand implements Callable<Integer> {

    /** Exit code when a section failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of bad usage. */
    public static final int EXIT_USAGE = 2;

    private static final long MIB = 1L << 20;

    @Spec
    private CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "SECTIONS",
            description = "Comma list of sections to run: loopback, latency, link, fairness, handshake, outage, reorder, idle, clients, netem (default: all).")
    private List<String> only;

    @Option(names = "--reps", paramLabel = "N",
            description = "Repetitions of each scenario; medians are reported, with min-max (default 3; 1 with --quick).")
    private Integer reps;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where results.md and the charts go (default bench-results/<UTC timestamp>).")
    private Path out;

    @Option(names = "--quick",
            description = "A smoke run: small sizes and 1 repetition, well under a minute. Explicit sizes still apply.")
    private boolean quick;

    @Option(names = "--loopback-mib", paramLabel = "MIB",
            description = "loopback: MiB moved per run, split over the connections (default 1024; 32 with --quick).")
    private Long loopbackMib;

    @Option(names = "--loopback-connections", paramLabel = "N",
            description = "loopback: connections of the parallel scenarios (default 4).")
    private Integer parallelConnections;

    @Option(names = "--latency-samples", paramLabel = "N",
            description = "latency: round trips recorded per loopback run (default 20000; 1000 with --quick).")
    private Integer latencySamples;

    @Option(names = "--latency-warmup", paramLabel = "N",
            description = "latency: unrecorded round trips before them (default 2000; 200 with --quick).")
    private Integer latencyWarmUp;

    @Option(names = "--latency-wan-samples", paramLabel = "N",
            description = "latency: round trips recorded per run at 20 ms RTT (default 2000; 50 with --quick).")
    private Integer latencyWanSamples;

    @Option(names = "--link-rtt", split = ",", paramLabel = "MS",
            description = "link: round-trip times in ms (default 0,20,100; 20 with --quick).")
    private List<Integer> linkRtts;

    @Option(names = "--link-loss", split = ",", paramLabel = "PERCENT",
            description = "link: loss rates each way in percent (default 0,0.1,1,2,5,10; 0,5 with --quick).")
    private List<Double> linkLosses;

    @Option(names = "--link-cc", split = ",", paramLabel = "CC",
            description = "link: congestion controllers (default BBR,CUBIC,NEW_RENO; BBR with --quick).")
    private List<CongestionControl> linkControllers;

    @Option(names = "--link-seconds", paramLabel = "S",
            description = "link: seconds each run sends (default 10; 3 with --quick).")
    private Integer linkSeconds;

    @Option(names = "--fairness-rtt", split = ",", paramLabel = "MS",
            description = "fairness: round-trip times in ms (default 20,100; 20 with --quick).")
    private List<Integer> fairnessRtts;

    @Option(names = "--fairness-loss", split = ",", paramLabel = "PERCENT",
            description = "fairness: loss rates each way in percent (default 0,1; 0 with --quick).")
    private List<Double> fairnessLosses;

    @Option(names = "--fairness-seconds", paramLabel = "S",
            description = "fairness: seconds both flows send (default 30; 4 with --quick).")
    private Integer fairnessSeconds;

    @Option(names = "--netem-links", split = ",", paramLabel = "LINK",
            description = "netem: links as RTTms:LOSS%%[@RATEmbit] or RTTms:burstLOSS%%xLEN (default 20ms:0%%,20ms:1%%,"
                    + "20ms:5%%,20ms:10%%,20ms:burst2%%x10,100ms:1%%,200ms:1%%, all at 100 Mbit/s; 20ms:0%%,20ms:1%% with --quick).")
    private List<String> netemLinks;

    @Option(names = "--netem-mib", paramLabel = "MIB",
            description = "netem: MiB of each bulk transfer (default 32; 4 with --quick).")
    private Long netemMib;

    @Option(names = "--netem-pings", paramLabel = "N",
            description = "netem: ping-pong round trips recorded per run (default 1000; 100 with --quick).")
    private Integer netemPings;

    @Option(names = "--netem-timeout", paramLabel = "S",
            description = "netem: seconds one run may take before it counts as failed (default 180).")
    private Integer netemTimeout;

    @Option(names = "--netem-dir", paramLabel = "DIR",
            description = "netem: the link emulator's folder with up.sh and down.sh (default: $RUDP_NETEM_DIR, else"
                    + " ../shared/netem beside the repository).")
    private Path netemDir;

    @Option(names = "--outage-seeds", paramLabel = "N",
            description = "outage: seeded simulator runs per scenario (default 50; 5 with --quick).")
    private Integer outageSeeds;

    @Option(names = "--clients-connections", paramLabel = "N",
            description = "clients: idle connections over one RudpClient (default 10000; 500 with --quick).")
    private Integer clientConnections;

    @Option(names = "--clients-plain", paramLabel = "N",
            description = "clients: plain ReliableSockets (a thread each) measured beside them, 0 for none (default 200;"
                    + " 20 with --quick).")
    private Integer clientPlainSockets;

    @Option(names = "--clients-idle-seconds", paramLabel = "S",
            description = "clients: seconds idle CPU is measured (default 10; 2 with --quick).")
    private Integer clientsIdleSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the impairment proxies, of the netem emulator and of the first simulator run (default 42).")
    private long seed = 42;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** A configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setParameterExceptionHandler(BenchCommand::handleUsageError);
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("rudp bench: " + describe(e));
            c.getErr().flush();
            return EXIT_FAILED;
        });
        return cli;
    }

    @Override
    public Integer call() throws IOException {
        Set<String> names = sectionNames();
        int repetitions = positive("--reps", reps, quick ? 1 : 3);
        Sections.SectionSizes sizes = new Sections.SectionSizes(
                positive("--loopback-mib", loopbackMib, quick ? 32L : 1024L) * MIB,
                atLeast("--loopback-connections", parallelConnections, 4, 2),
                positive("--latency-samples", latencySamples, quick ? 1_000 : 20_000),
                atLeast("--latency-warmup", latencyWarmUp, quick ? 200 : 2_000, 0),
                positive("--latency-wan-samples", latencyWanSamples, quick ? 50 : 2_000),
                rtts("--link-rtt", linkRtts, quick ? List.of(20) : List.of(0, 20, 100)),
                lossRates("--link-loss", linkLosses, quick ? List.of(0.0, 5.0) : List.of(0.0, 0.1, 1.0, 2.0, 5.0, 10.0)),
                linkControllers != null && !linkControllers.isEmpty() ? List.copyOf(linkControllers)
                        : quick ? List.of(CongestionControl.BBR) : List.of(CongestionControl.values()),
                Duration.ofSeconds(atLeast("--link-seconds", linkSeconds, quick ? 3 : 10, 2)),
                rtts("--fairness-rtt", fairnessRtts, quick ? List.of(20) : List.of(20, 100)),
                lossRates("--fairness-loss", fairnessLosses, quick ? List.of(0.0) : List.of(0.0, 1.0)),
                Duration.ofSeconds(atLeast("--fairness-seconds", fairnessSeconds, quick ? 4 : 30, 2)),
                positive("--outage-seeds", outageSeeds, quick ? 5 : 50),
                seed, netemPlan(), quick,
                positive("--clients-connections", clientConnections, quick ? 500 : 10_000),
                atLeast("--clients-plain", clientPlainSockets, quick ? 20 : 200, 0),
                Duration.ofSeconds(positive("--clients-idle-seconds", clientsIdleSeconds, quick ? 2 : 10)));
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        Path dir = out != null ? out
                : Path.of("bench-results", started.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot create the output directory " + dir + ": " + describe(e));
        }
        PrintWriter progress = spec.commandLine().getErr();
        BenchContext context = new BenchContext(repetitions, quick, dir, progress);
        context.progress("rudp bench: sections %s, %d repetition%s%s; results in %s", String.join(", ", names),
                repetitions, repetitions == 1 ? "" : "s", quick ? " (quick)" : "", dir);
        List<SectionResult> results = new ArrayList<>();
        boolean failed = false;
        for (String name : names) {
            Section section = Sections.create(name, sizes);
            long t0 = System.nanoTime();
            try {
                results.add(section.run(context));
            } catch (Exception e) {
                failed = true;
                context.progress("%s: failed: %s", name, describe(e));
                results.add(SectionResult.noteOnly(name, name, "**Failed**: " + describe(e)));
            }
            context.progress("%s: done in %.1f s", name, (System.nanoTime() - t0) / 1e9);
        }
        String markdown = MarkdownReport.render(preamble(started, repetitions), results);
        Path file = dir.resolve("results.md");
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(markdown);
        stdout.flush();
        context.progress("rudp bench: wrote %s", file);
        return failed ? EXIT_FAILED : 0;
    }

    private List<String> preamble(ZonedDateTime started, int repetitions) {
        return List.of(
                "Started " + started.format(DateTimeFormatter.ISO_INSTANT.withLocale(Locale.ROOT)) + ", "
                        + repetitions + " repetition" + (repetitions == 1 ? "" : "s") + (quick ? ", quick (smoke) sizes" : ""),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), "
                        + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"),
                "Command: `rudp bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "`");
    }

    private NetemPlan netemPlan() {
        try {
            return NetemPlan.of(quick, netemLinks, netemMib, netemPings, netemTimeout, netemDir, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The selected sections in run order, or a usage error for an unknown name. */
    private Set<String> sectionNames() {
        if (only == null || only.isEmpty()) {
            return new LinkedHashSet<>(Sections.NAMES);
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : only) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (!Sections.NAMES.contains(n)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown section '" + name
                        + "' in --only; known: " + String.join(", ", Sections.NAMES));
            }
            wanted.add(n);
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String n : Sections.NAMES) {
            if (wanted.contains(n)) {
                ordered.add(n);
            }
        }
        return ordered;
    }

    private int[] rtts(String option, List<Integer> values, List<Integer> fallback) {
        List<Integer> list = values != null && !values.isEmpty() ? values : fallback;
        int[] result = new int[list.size()];
        for (int i = 0; i < result.length; i++) {
            int v = list.get(i);
            if (v < 0 || v > 10_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": a round-trip time must be 0 to"
                        + " 10000 ms, got " + v);
            }
            result[i] = v;
        }
        return result;
    }

    private double[] lossRates(String option, List<Double> percents, List<Double> fallback) {
        List<Double> list = percents != null && !percents.isEmpty() ? percents : fallback;
        double[] result = new double[list.size()];
        for (int i = 0; i < result.length; i++) {
            double p = list.get(i);
            if (!(p >= 0 && p < 100)) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": a loss rate must be at least 0"
                        + " and below 100 percent, got " + p);
            }
            result[i] = p / 100;
        }
        return result;
    }

    private int positive(String option, Integer value, int fallback) {
        return atLeast(option, value, fallback, 1);
    }

    private long positive(String option, Long value, long fallback) {
        long v = value != null ? value : fallback;
        if (v < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1, got " + v);
        }
        return v;
    }

    private int atLeast(String option, Integer value, int fallback, int min) {
        int v = value != null ? value : fallback;
        if (v < min) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least " + min + ", got " + v);
        }
        return v;
    }

    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("rudp bench: " + e.getMessage() + " (see 'rudp bench --help')");
        err.flush();
        return EXIT_USAGE;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The version from the jar manifest, or "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BenchCommand.class.getPackage().getImplementationVersion();
            return new String[] {"rudp bench " + (v == null ? "development" : v)};
        }
    }
}
