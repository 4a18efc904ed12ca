package io.rudp.bench.suite;

import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.TargetCheck;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.HandshakeTrials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section {@code handshake}: (a) connects through 10, 20 and 30% loss each way at 20 ms RTT on
 * the simulator ({@link HandshakeTrials}: seeded, virtual time, deterministic), under the old
 * handshake retry rule and the new one, expressed as settings; (b) complete handshakes per second
 * on one core ({@link InMemoryHandshakes}: one thread, two endpoints, no socket).
 */
public final class HandshakeSection implements Section {

    /** The section's name on the command line. */
    public static final String NAME = "handshake";

    private static final Duration RTT = Duration.ofMillis(20);
    private static final double[] LOSS_RATES = {0.10, 0.20, 0.30};
    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final Duration LONG = Duration.ofSeconds(10);

    private final long seed;

    /**
     * @param seed the first trial's seed; the sizes come from the context ({@code --quick}: 200
     *     connects per cell and 2,000 handshakes per run; otherwise 1,000 and 20,000)
     */
    public HandshakeSection(long seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The retry rules compared, by name: the old one first, the defaults last. */
    static Map<String, EngineConfig> rules() {
        EngineConfig defaults = EngineConfig.defaults();
        // Before issue 14: the initial RTO (500 ms) doubling up to the maximum RTO (10 s), one copy, 8 attempts.
        EngineConfig old = defaults.toBuilder().handshakeRetryDelay(Duration.ofMillis(500))
                .handshakeMaxRetryDelay(Duration.ofSeconds(10)).handshakeCopies(1).handshakeAttempts(8).build();
        Map<String, EngineConfig> rules = new LinkedHashMap<>();
        rules.put("old: 500 ms doubling to 10 s, 1 copy", old);
        rules.put("250 ms doubling to 1 s, 1 copy", defaults.toBuilder().handshakeCopies(1).build());
        rules.put("500 ms doubling to 10 s, 2 copies", old.toBuilder().handshakeCopies(2).handshakeAttempts(12).build());
        rules.put("new default: 250 ms doubling to 1 s, 2 copies", defaults);
        return rules;
    }

    @Override
    public SectionResult run(BenchContext context) {
        int connects = context.quick() ? 200 : 1_000;
        int handshakes = context.quick() ? 2_000 : 20_000;
        List<TargetCheck> targets = new ArrayList<>();
        ReportTable lossTable = lossTable(context, seed, connects, targets);
        ReportTable rateTable = rateTable(context, handshakes);
        String setup = String.format(Locale.ROOT, "(a) Simulator (`HandshakeTrials`, virtual time, deterministic): each"
                + " connect is a fresh seeded network (seeds %d to %d for every cell) with one client and one listening"
                + " server endpoint, random loss each way, %d ms RTT; a connect counts when the client is established. The"
                + " rules differ only in the handshake settings (`handshakeRetryDelay`, `handshakeMaxRetryDelay`,"
                + " `handshakeCopies`, `handshakeAttempts`; the old rule is 500 ms, 10 s, 1, 8); everything else is the"
                + " defaults, so the handshake timeout is 10 s. Server bytes sent before validation (CHALLENGE, REFUSE) per"
                + " handshake byte received are shown: the anti-amplification limit keeps them below 1. (b) One thread, a"
                + " client and a server endpoint with `SecureRandom`s and default settings, datagrams handed over in memory"
                + " (no socket, no loss); each handshake is connect, both sides established and accepted, graceful close of"
                + " both, both endpoints empty; %,d handshakes per run after a warm-up of %,d, wall-clock time.",
                seed, seed + connects - 1, RTT.toMillis(), handshakes, handshakes / 5);
        return new SectionResult(NAME, "Handshakes under loss, and handshakes per second", List.of(setup),
                List.of(lossTable, rateTable), targets, List.of());
    }

    private static ReportTable lossTable(BenchContext context, long seed, int connects, List<TargetCheck> targets) {
        ReportTable table = new ReportTable(String.format(Locale.ROOT,
                "%,d connects per cell through random loss each way, %d ms RTT (simulator)", connects, RTT.toMillis()),
                "rule", "loss each way", "within 3 s", "within 10 s", "p50 (ms)", "p99 (ms)", "max (ms)",
                "stateless bytes out / handshake bytes in");
        Duration bound = LONG.plusSeconds(1);
        Map<String, EngineConfig> rules = rules();
        for (double loss : LOSS_RATES) {
            HandshakeTrials.Result old = null;
            for (Map.Entry<String, EngineConfig> rule : rules.entrySet()) {
                HandshakeTrials.Result r = HandshakeTrials.run(rule.getValue(), rule.getValue(), loss, RTT, connects, seed, bound);
                int within3 = r.finishedWithin(SHORT);
                int within10 = r.finishedWithin(LONG);
                context.progress("handshake: %s, %s loss: %d/%d within 3 s, %d/%d within 10 s", rule.getKey(),
                        LinkSection.lossText(loss), within3, connects, within10, connects);
                table.addRow(rule.getKey(), LinkSection.lossText(loss), within3 + "/" + connects,
                        within10 + "/" + connects, millis(r.quantileNanos(0.5)), millis(r.quantileNanos(0.99)),
                        millis(r.quantileNanos(1.0)),
                        Cell.number((double) r.statelessBytesSent() / r.handshakeBytesReceived(), 3));
                if (old == null) {
                    old = r; // the first rule is the old one: the baseline of the targets
                }
                if (rule.getValue() == EngineConfig.defaults()) {
                    addTargets(targets, loss, r, old, within3, within10);
                }
            }
        }
        return table;
    }

    private static void addTargets(List<TargetCheck> targets, double loss, HandshakeTrials.Result r,
            HandshakeTrials.Result old, int within3, int within10) {
        int connects = r.connects();
        String scenario = String.format(Locale.ROOT, "handshakes, %s loss each way, %d ms RTT, default settings",
                LinkSection.lossText(loss), RTT.toMillis());
        if (loss == 0.30) {
            targets.add(new TargetCheck(scenario + ", within 10 s", within10 + "/" + connects,
                    old.finishedWithin(LONG) + "/" + connects + " (old rule)", ">= 99%", within10 * 100L >= 99L * connects));
        }
        if (loss == 0.10) {
            targets.add(new TargetCheck(scenario + ", within 3 s", within3 + "/" + connects,
                    old.finishedWithin(SHORT) + "/" + connects + " (old rule)", ">= 99.9%", within3 * 1000L >= 999L * connects));
        }
        targets.add(new TargetCheck(scenario + ", amplification before validation",
                r.amplifyingTrials() + " connects over the limit", "-", "0", r.amplifyingTrials() == 0));
    }

    private static ReportTable rateTable(BenchContext context, int handshakes) {
        InMemoryHandshakes engines = new InMemoryHandshakes(EngineConfig.defaults());
        engines.run(handshakes / 5); // warm-up: JIT, the server's retired-id table filled
        double[] perSecond = new double[context.reps()];
        double[] micros = new double[context.reps()];
        for (int rep = 0; rep < context.reps(); rep++) {
            long start = System.nanoTime();
            engines.run(handshakes);
            long elapsed = System.nanoTime() - start;
            perSecond[rep] = handshakes / (elapsed / 1e9);
            micros[rep] = elapsed / 1e3 / handshakes;
            context.progress("handshake: %,d in-memory handshakes in %.2f s: %,.0f per second", handshakes,
                    elapsed / 1e9, perSecond[rep]);
        }
        ReportTable table = new ReportTable(String.format(Locale.ROOT,
                "Complete handshakes on one thread, in memory (%,d per run, median of %d)", handshakes, context.reps()),
                "handshakes per second", "µs per handshake (both sides)");
        table.addRow(Cell.medianRange(perSecond, 0), Cell.medianRange(micros, 1));
        return table;
    }

    private static String millis(long nanos) {
        return nanos == HandshakeTrials.FAILED ? "failed" : Cell.number(nanos / 1e6, 0);
    }
}
