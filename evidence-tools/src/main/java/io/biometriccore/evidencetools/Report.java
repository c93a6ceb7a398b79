package io.biometriccore.evidencetools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The verifier's answer for one bundle, as plain text for a person or as JSON for a machine: what was
 * approved, whether the keys were pinned, every check, and the verdict.
 */
record Report(EvidenceBundle bundle, boolean keysPinned, List<CheckResult> results) {

    Report {
        results = List.copyOf(results);
    }

    boolean valid() {
        return results.stream().noneMatch(CheckResult::failed);
    }

    List<String> failures() {
        return results.stream().filter(CheckResult::failed).map(r -> r.reason().id()).toList();
    }

    private boolean inclusionChecked() {
        return results.stream().noneMatch(r -> r.status() == CheckResult.Status.NOT_CHECKED);
    }

    String text() {
        StringBuilder text = new StringBuilder();
        text.append("Evidence bundle of transaction ").append(bundle.transactionId()).append('\n').append('\n');
        ApprovalSummary.lines(bundle.evidence()).forEach(line -> text.append(line).append('\n'));
        text.append('\n').append("Keys\n  ").append(keysPinned ? "pinned: the keys given with --keys"
                : "NOT pinned: the bundle's own keys were used, which prove nothing about who signed;"
                        + " pin the tenant's published keys with --keys").append("\n\nChecks\n");
        for (CheckResult result : results) {
            text.append(String.format("  %-11s %-21s %s%n", label(result.status()), result.check(),
                    result.failed() ? result.reason().id() + ": " + result.detail() : result.detail()));
        }
        text.append('\n').append(verdict()).append('\n');
        return text.toString();
    }

    private String verdict() {
        if (!valid()) {
            List<String> failures = failures();
            return "INVALID: " + failures.size() + " check" + (failures.size() == 1 ? "" : "s") + " failed: "
                    + String.join(", ", failures);
        }
        return "VALID: every check passed" + (inclusionChecked() ? "" : ", but the audit inclusion was NOT checked")
                + (keysPinned ? "" : ", with keys that were NOT pinned");
    }

    private static String label(CheckResult.Status status) {
        return switch (status) {
            case OK -> "ok";
            case FAILED -> "FAILED";
            case NOT_CHECKED -> "NOT CHECKED";
        };
    }

    String json() {
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        members.put("valid", valid());
        members.put("transactionId", bundle.transactionId());
        members.put("keysPinned", keysPinned);
        members.put("inclusionChecked", inclusionChecked());
        members.put("failures", failures());
        members.put("evidence", bundle.evidence());
        members.put("checks", results.stream().map(Report::json).toList());
        return EvidenceBundle.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(members) + "\n";
    }

    private static Map<String, @Nullable Object> json(CheckResult result) {
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        members.put("check", result.check());
        members.put("status", result.status().name().toLowerCase(Locale.ROOT));
        members.put("reason", result.reason() == null ? null : result.reason().id());
        members.put("detail", result.detail());
        return members;
    }
}
