package io.biometriccore.evidencetools;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the evidence says was approved, by whom and when, in plain language: the lines an auditor
 * reads before the checks that say whether to believe them. It reads leniently (a missing member
 * shows as "?"); the checks are what reject a malformed record.
 */
final class ApprovalSummary {

    private ApprovalSummary() {
    }

    static List<String> lines(JsonNode evidence) {
        List<String> lines = new ArrayList<>();
        JsonNode transaction = evidence.path("transaction");
        lines.add("What was approved");
        lines.add("  " + label(text(transaction, "type")) + " of " + amount(transaction.path("amount"))
                + payee(transaction.path("payee")));
        JsonNode items = transaction.path("items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            lines.add("    item " + (i + 1) + ": " + amount(item.path("amount")) + payee(item.path("payee"))
                    + (item.has("reference") ? ", reference " + text(item, "reference") : ""));
        }
        if (transaction.has("text")) {
            lines.add("  text: " + text(transaction, "text"));
        }
        if (transaction.has("reference")) {
            lines.add("  reference: " + text(transaction, "reference"));
        }
        lines.add("  transaction " + text(transaction, "id") + " of tenant " + text(evidence, "tenantId")
                + ", registered " + text(transaction, "createdAt") + ", expiring " + text(transaction, "expiresAt"));
        lines.add("Approved by");
        lines.addAll(approver(evidence));
        return lines;
    }

    private static List<String> approver(JsonNode evidence) {
        JsonNode credential = evidence.path("credential");
        JsonNode attestation = credential.path("attestation");
        List<String> lines = new ArrayList<>();
        lines.add("  customer   " + text(evidence.path("customer"), "userHandle") + " (user handle)");
        lines.add("  credential " + text(evidence.path("assertion"), "credentialId"));
        lines.add("             AAGUID " + text(attestation, "aaguid") + ", attestation " + text(attestation, "format")
                + ", trust " + text(attestation, "trust"));
        lines.add("             " + binding(credential));
        lines.add("  device     " + text(evidence.path("device"), "id"));
        String method = text(evidence, "method");
        lines.add("  method     " + ("spc".equals(method)
                ? "Secure Payment Confirmation (spc), at " + text(evidence.path("relyingParty"), "spcTopOrigin")
                : "WebAuthn assertion (" + method + ")") + " for " + text(evidence.path("relyingParty"), "rpId"));
        lines.add("  when       " + text(evidence, "approvedAt"));
        return lines;
    }

    private static String binding(JsonNode credential) {
        if (!credential.path("backupEligible").asBoolean(false)) {
            return "device-bound: not backup eligible (BE=0), the key cannot leave the authenticator";
        }
        return "synced passkey: backup eligible (BE=1), " + (credential.path("backupState").asBoolean(false)
                ? "backed up (BS=1)" : "not backed up yet (BS=0)");
    }

    private static String label(String type) {
        return switch (type) {
            case "payment" -> "Payment";
            case "batch_payment" -> "Batch payment";
            case "payee_added" -> "New payee";
            case "limit_change" -> "Limit change";
            default -> "Transaction of type " + type;
        };
    }

    private static String amount(JsonNode amount) {
        return amount.isMissingNode() ? "no amount" : text(amount, "value") + " " + text(amount, "currency");
    }

    private static String payee(JsonNode payee) {
        return payee.isMissingNode() ? "" : " to " + text(payee, "name") + ", account " + text(payee, "account");
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isString() ? value.stringValue() : value.isMissingNode() || value.isNull() ? "?" : value.toString();
    }
}
