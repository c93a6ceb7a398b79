package io.biometriccore.audittools;

import java.util.List;
import java.util.Optional;

/** The outcome of {@link AuditVerifier#verify}: counts, and the findings in log order. */
public record VerificationReport(String tenantId, int events, int leaves, int treeHeads, List<Finding> findings) {

    public VerificationReport {
        findings = List.copyOf(findings);
    }

    public boolean intact() {
        return findings.isEmpty();
    }

    /** The first tampered place, if any. */
    public Optional<Finding> first() {
        return findings.stream().findFirst();
    }
}
