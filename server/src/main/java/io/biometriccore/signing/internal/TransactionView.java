package io.biometriccore.signing.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A transaction as the bank and its customer see it: its status, the canonical form exactly as
 * hashed, and what the customer's app displays, derived from that same form so that it never differs
 * from what is signed. The approval's members are there once it is approved.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TransactionView(UUID id, String status, String hash, Instant createdAt, Instant expiresAt,
        JsonNode transaction, Map<String, Object> display, @Nullable Instant approvedAt,
        @Nullable String credentialId, @Nullable UUID deviceId, @Nullable String method) {

    static TransactionView of(TransactionRepository.Stored t, Instant now) {
        TransactionRepository.Status status = t.statusAt(now);
        boolean approved = status == TransactionRepository.Status.APPROVED;
        JsonNode canonical = CanonicalJson.tree(t.canonical());
        return new TransactionView(t.id(), status.wireName(), t.hash(), t.createdAt(), t.expiresAt(), canonical,
                display(canonical), approved ? t.decidedAt() : null, approved ? t.credentialId() : null,
                approved ? t.deviceId() : null, approved ? t.method() : null);
    }

    /**
     * Plain lines for the customer's screen: what, how much, to whom, and each payment of a batch
     * (PSD2 RTS Art. 5(1)(a) and 5(3): the payer is made aware of the amount and every payee).
     */
    static Map<String, Object> display(JsonNode canonical) {
        Map<String, Object> display = new LinkedHashMap<>();
        display.put("type", canonical.path("type").asString());
        display.put("amount", amount(canonical.path("amount")));
        if (canonical.has("payee")) {
            display.put("payee", payee(canonical.path("payee")));
        }
        if (canonical.has("items")) {
            List<String> lines = new ArrayList<>();
            canonical.path("items").forEach(item -> lines.add(amount(item.path("amount")) + " to "
                    + payee(item.path("payee")) + (item.has("reference") ? ", " + item.path("reference").asString() : "")));
            display.put("items", lines);
        }
        for (String member : List.of("text", "reference")) {
            if (canonical.has(member)) {
                display.put(member, canonical.path(member).asString());
            }
        }
        return display;
    }

    private static String amount(JsonNode amount) {
        return amount.path("value").asString() + " " + amount.path("currency").asString();
    }

    private static String payee(JsonNode payee) {
        return payee.path("name").asString() + " (" + payee.path("account").asString() + ")";
    }
}
