package io.rudp.bench.report;

import java.util.Objects;

/**
 * One of the figures to reach, checked against a measurement.
 *
 * @param scenario what was measured, e.g. "rudp, 1 connection, 1,200-byte datagrams"
 * @param figure the measured figure, formatted with its unit
 * @param baseline the figure it is compared with (formatted), or "-" for an absolute target
 * @param ratioAndTarget the ratio (or the figure) next to the target, e.g. "62% (>= 50%)"
 * @param pass whether the target is met
 */
public record TargetCheck(String scenario, String figure, String baseline, String ratioAndTarget,
        boolean pass) {

    /** Checks every component for null. */
    public TargetCheck {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(ratioAndTarget, "ratioAndTarget");
    }

    /** "pass" or "FAIL". */
    public String verdict() {
        return pass ? "pass" : "FAIL";
    }
}
