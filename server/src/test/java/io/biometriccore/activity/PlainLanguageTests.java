package io.biometriccore.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.activity.PlainLanguage.Words;
import io.biometriccore.audit.AuditEvents.Event;
import io.biometriccore.sessions.RevocationReason;
import io.biometriccore.shared.SecurityEventType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PlainLanguageTests {

    private static final UUID DEVICE = UUID.fromString("11111111-2222-3333-4444-555555555555");

    private static Event event(String type, @Nullable String reason) {
        return new Event(1, Instant.parse("2025-03-04T05:06:07Z"), type, "success", reason, "customer", null,
                UUID.randomUUID(), DEVICE, null, null, "web", "corr-1", null, null, Map.of(), false, null, null);
    }

    private static Words describe(String type, @Nullable String reason) {
        return PlainLanguage.describe(event(type, reason), DEVICE, "Alice's iPhone");
    }

    @Test
    void everyTypeTheHistoryShowsHasWordsOfItsOwn() {
        assertThat(PlainLanguage.TYPES).isNotEmpty().allSatisfy(type -> {
            Words words = describe(type, null);
            assertThat(words).isNotEqualTo(PlainLanguage.SOMETHING_HAPPENED);
            assertThat(words.title()).isNotBlank();
            assertThat(words.description()).isNotBlank();
        });
    }

    @Test
    void everyTypeIsEitherShownInItsOwnWordsOrLeftOut() {
        assertThat(SecurityEventType.values()).allSatisfy(type -> assertThat(describe(type.wireName(), null))
                .as(type.wireName()).matches(words -> PlainLanguage.TYPES.contains(type.wireName())
                        != words.equals(PlainLanguage.SOMETHING_HAPPENED)));
    }

    @Test
    void theHistoryShowsTheTypesTheContractNames() {
        Schema<?> item = new OpenAPIV3Parser().read("../api/openapi.yaml").getComponents().getSchemas()
                .get("ActivityItem");
        Schema<?> type = item.getProperties().get("type");

        assertThat(PlainLanguage.TYPES).containsExactlyInAnyOrderElementsOf(
                type.getEnum().stream().map(Object::toString).toList());
    }

    @Test
    void anEventOfATypeThisVersionDoesNotKnowStillReads() {
        assertThat(describe("device.teleported", "to_mars")).isEqualTo(PlainLanguage.SOMETHING_HAPPENED);
    }

    @Test
    void everyReasonASessionEndsForReadsAsTheSessionEnding() {
        Map<RevocationReason, Words> byReason = Arrays.stream(RevocationReason.values()).collect(Collectors.toMap(
                reason -> reason, reason -> describe(SecurityEventType.TOKEN_REVOKED.wireName(), reason.wireName())));

        assertThat(byReason.values()).allSatisfy(words -> assertThat(words.title()).isIn("Session ended", "Signed out"));
        assertThat(byReason.get(RevocationReason.DEVICE_REVOKED).description())
                .isEqualTo("The session on Alice's iPhone ended because the device was removed");
        assertThat(byReason.get(RevocationReason.SIGNED_OUT_EVERYWHERE).description())
                .isEqualTo("Signed out everywhere, which ended the session on Alice's iPhone");
    }

    @Test
    void aSessionThatEndedForAReasonThisVersionDoesNotKnowJustEnded() {
        assertThat(describe(SecurityEventType.TOKEN_REVOKED.wireName(), "moon_phase"))
                .isEqualTo(new Words("Session ended", "The session on Alice's iPhone ended"));
        assertThat(describe(SecurityEventType.TOKEN_REVOKED.wireName(), null))
                .isEqualTo(new Words("Session ended", "The session on Alice's iPhone ended"));
    }
}
