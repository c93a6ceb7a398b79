package io.biometriccore.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 8785 bytes: members sorted by their UTF-16 code units, no whitespace, the same for the same value. */
class CanonicalJsonTests {

    @Test
    void sortsMembersAndWritesNoWhitespace() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("payee", Map.of("name", "Zoë", "account", "DE89"));
        members.put("amount", Map.of("value", "1250.00", "currency", "EUR"));
        members.put("items", List.of());

        assertThat(new String(CanonicalJson.bytes(members), StandardCharsets.UTF_8)).isEqualTo(
                "{\"amount\":{\"currency\":\"EUR\",\"value\":\"1250.00\"},\"items\":[],"
                        + "\"payee\":{\"account\":\"DE89\",\"name\":\"Zoë\"}}");
    }

    @Test
    void reCanonicalisingCanonicalBytesChangesNothing() {
        byte[] canonical = CanonicalJson.bytes(Map.of("b", "2", "a", Map.of("d", true, "c", "\u20ac")));

        assertThat(CanonicalJson.bytes(CanonicalJson.tree(canonical))).isEqualTo(canonical);
    }

    @Test
    void writesTimesInUtcWithMilliseconds() {
        assertThat(CanonicalJson.time(Instant.parse("2026-12-01T10:00:00Z"))).isEqualTo("2026-12-01T10:00:00.000Z");
        assertThat(CanonicalJson.time(Instant.parse("2026-12-01T10:00:00.123456Z")))
                .isEqualTo("2026-12-01T10:00:00.123Z");
    }
}
