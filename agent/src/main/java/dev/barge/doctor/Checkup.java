package dev.barge.doctor;

import java.util.List;

/** Every finding of one {@code barge doctor} run, in the order they were checked. */
public record Checkup(List<Finding> findings) {
    public Checkup {
        findings = List.copyOf(findings);
    }

    /** True when nothing failed; a check skipped for an earlier failure does not count on its own. */
    public boolean healthy() {
        return findings.stream().noneMatch(f -> f.result() == Finding.Result.FAILED);
    }

    public long passed() {
        return findings.stream().filter(f -> f.result() == Finding.Result.PASSED).count();
    }
}
