package io.biometriccore.siem.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.SealedEvents.SealedEvent;
import io.biometriccore.shared.SecurityEventType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventFormatTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2025-03-04T05:06:07.123456Z");
    private static final UUID CUSTOMER = UUID.fromString("11111111-2222-3333-4444-555555555555");

    private static SealedEvent event(String type, String outcome, @Nullable String reason, @Nullable String ip,
            @Nullable String userAgent, boolean shredded) {
        // As the audit writer stores it: the type's own class, or (a type this version does not know) its prefix.
        String eventClass = SecurityEventType.fromWire(type).map(SecurityEventType::eventClass)
                .orElse(type.substring(0, type.indexOf('.')));
        return new SealedEvent(7, 42, "acme", AT, type, eventClass, outcome, reason,
                "api_key", "key-1", CUSTOMER, null, null, null, "web", "corr-1", ip, userAgent, shredded, 1, null);
    }

    @Test
    void anAggregateOfFailedChecksCarriesItsCountAndItsLastTime() {
        SealedEvent aggregate = new SealedEvent(7, 42, "acme", AT, "access_token.rejected", "access_token", "failure",
                "token_invalid", "anonymous", null, null, null, null, null, null, "corr-1", null, null, false, 1000,
                AT.plusSeconds(59));

        JsonNode line = JSON.readTree(EventFormat.JSONL.render(List.of(aggregate)));
        String cef = EventFormat.CEF.render(List.of(aggregate));

        assertThat(line.path("occurrences").asInt()).isEqualTo(1000);
        assertThat(line.path("lastTime").asString()).isEqualTo(AT.plusSeconds(59).toString());
        assertThat(cef).contains(" cnt=1000 ").contains(" start=" + AT.toEpochMilli() + " ")
                .contains(" end=" + AT.plusSeconds(59).toEpochMilli() + " ");
        assertThat(JSON.readTree(EventFormat.JSONL.render(List.of(event("customer.created", "success", null, null,
                null, false)))).has("occurrences")).isFalse();
    }

    @Test
    void aJsonLineCarriesTheEventAndItsNetworkFields() {
        String body = EventFormat.JSONL.render(List.of(
                event("customer.created", "success", null, "203.0.113.9", "Bank/1.0", false)));

        assertThat(body).endsWith("\n").hasLineCount(1);
        JsonNode line = JSON.readTree(body);
        assertThat(line.path("eventId").asLong()).isEqualTo(42);
        assertThat(line.path("leafIndex").asLong()).isEqualTo(7);
        assertThat(line.path("tenantId").asString()).isEqualTo("acme");
        assertThat(line.path("time").asString()).isEqualTo("2025-03-04T05:06:07.123456Z");
        assertThat(line.path("type").asString()).isEqualTo("customer.created");
        assertThat(line.path("class").asString()).isEqualTo("customer");
        assertThat(line.path("outcome").asString()).isEqualTo("success");
        assertThat(line.path("actor").path("type").asString()).isEqualTo("api_key");
        assertThat(line.path("actor").path("id").asString()).isEqualTo("key-1");
        assertThat(line.path("customerId").asString()).isEqualTo(CUSTOMER.toString());
        assertThat(line.path("channel").asString()).isEqualTo("web");
        assertThat(line.path("correlationId").asString()).isEqualTo("corr-1");
        assertThat(line.path("ip").asString()).isEqualTo("203.0.113.9");
        assertThat(line.path("userAgent").asString()).isEqualTo("Bank/1.0");
        assertThat(line.has("reason")).isFalse();
        assertThat(line.has("deviceId")).isFalse();
        assertThat(line.has("shredded")).isFalse();
    }

    @Test
    void aShreddedEventSaysSoInsteadOfItsNetworkFields() {
        JsonNode line = JSON.readTree(EventFormat.JSONL.render(List.of(
                event("customer.created", "success", null, null, null, true))));

        assertThat(line.path("shredded").asBoolean()).isTrue();
        assertThat(line.has("ip")).isFalse();
        assertThat(line.has("userAgent")).isFalse();
    }

    @Test
    void aJsonLineStaysOneLineWhateverTheValues() {
        String body = EventFormat.JSONL.render(List.of(
                event("authentication.failed", "failure", "bad\nreason", null, "a\r\nb", false),
                event("authentication.failed", "failure", "x", null, null, false)));

        assertThat(body.lines()).hasSize(2);
        assertThat(JSON.readTree(body.lines().findFirst().orElseThrow()).path("userAgent").asString())
                .isEqualTo("a\r\nb");
    }

    @Test
    void aCefRecordHasTheHeaderAndTheStandardExtensionKeys() {
        String line = EventFormat.CEF.render(List.of(
                event("authentication.failed", "failure", "credential_revoked", "203.0.113.9", "Bank/1.0", false)));

        assertThat(line).startsWith("CEF:0|Biometric Core|biometric-core|" + CefFormat.VERSION
                + "|authentication.failed|authentication failed|6|").endsWith("\n").hasLineCount(1);
        assertThat(line).contains("rt=" + AT.toEpochMilli(), " cat=authentication", " outcome=failure",
                " reason=credential_revoked", " suser=key-1", " duser=" + CUSTOMER, " src=203.0.113.9",
                " requestClientApplication=Bank/1.0", " externalId=42", " cn1=7 cn1Label=leafIndex",
                " cs1=acme cs1Label=tenantId", " cs2=corr-1 cs2Label=correlationId", " cs3=web cs3Label=channel",
                " cs6=api_key cs6Label=actorType");
        assertThat(line).doesNotContain("cs4", "cs5", "flexString1");
    }

    @Test
    void cefEscapesBackslashesEqualsSignsAndLineBreaksInValues() {
        String line = EventFormat.CEF.render(List.of(
                event("authentication.failed", "failure", "a=b", null, "x\\y=z|w\r\nnext", false)));

        assertThat(line).hasLineCount(1);
        assertThat(line).contains(" reason=a\\=b ", " requestClientApplication=x\\\\y\\=z|w\\r\\nnext ");
    }

    @Test
    void cefEscapesPipesAndBackslashesInTheHeader() {
        assertThat(CefFormat.header("a|b\\c\nd")).isEqualTo("a\\|b\\\\c d");
    }

    @Test
    void cefLeavesOutAnAddressThatIsNotAnIpLiteralAndFlagsShreddedFields() {
        String named = EventFormat.CEF.render(List.of(event("customer.created", "success", null, "host.example", null,
                false)));
        String shredded = EventFormat.CEF.render(List.of(event("customer.created", "success", null, null, null,
                true)));

        assertThat(named).doesNotContain("src=");
        assertThat(shredded).contains(" flexString1=shredded flexString1Label=networkData").doesNotContain("src=");
    }

    @Test
    void cefSeverityRisesForFailuresAndForSignsOfCompromise() {
        assertThat(CefFormat.severity(event("token.issued", "success", null, null, null, false))).isEqualTo(3);
        assertThat(CefFormat.severity(event("authentication.failed", "failure", "x", null, null, false))).isEqualTo(6);
        assertThat(CefFormat.severity(event("token.reuse_detected", "failure", "x", null, null, false))).isEqualTo(9);
        assertThat(CefFormat.severity(event("device.clone_suspected", "failure", "x", null, null, false)))
                .isEqualTo(9);
    }

    @Test
    void everyEventTypeHasACefRecordAndOnlySignsOfCompromiseRaiseItsSeverity() {
        Set<SecurityEventType> alarms = Set.of(SecurityEventType.TOKEN_REUSE_DETECTED,
                SecurityEventType.DEVICE_CLONE_SUSPECTED, SecurityEventType.DPOP_PROOF_REPLAYED,
                SecurityEventType.CREDENTIAL_FLAGGED);

        assertThat(SecurityEventType.values()).allSatisfy(type -> {
            SealedEvent success = event(type.wireName(), "success", null, null, null, false);
            assertThat(EventFormat.CEF.render(List.of(success))).as(type.wireName())
                    .startsWith("CEF:0|Biometric Core|biometric-core|" + CefFormat.VERSION + "|" + type.wireName() + "|"
                            + type.wireName().replace('.', ' ').replace('_', ' ') + "|")
                    .contains(" cat=" + type.eventClass() + " ");
            assertThat(CefFormat.severity(success)).as(type.wireName()).isEqualTo(alarms.contains(type) ? 9 : 3);
        });
    }

    @Test
    void anEventOfATypeThisVersionDoesNotKnowIsRatedByItsOutcome() {
        SealedEvent unknown = event("device.teleported", "failure", "to_mars", null, null, false);

        assertThat(EventFormat.CEF.render(List.of(unknown)))
                .startsWith("CEF:0|Biometric Core|biometric-core|" + CefFormat.VERSION
                        + "|device.teleported|device teleported|6|");
        assertThat(CefFormat.severity(event("device.teleported", "success", null, null, null, false))).isEqualTo(3);
    }
}
