package io.biometriccore.audittools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.audittools.AuditEntry.Occurrences;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Known answers for the Merkle leaf encoding: the leaf input of a fixed event, written out by hand from
 * the rules of {@link AuditEntry#leafInput} (keys sorted, no whitespace, absent values as null, binary
 * as unpadded base64url), and its RFC 9162 leaf hash {@code SHA-256(0x00 || input)}, computed outside
 * this code base. A change to the encoding changes every past leaf and breaks every stored proof, so
 * it must fail here first.
 */
class AuditEntryTests {

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final AuditEntry REVOKED = new AuditEntry(42, "bank", Instant.parse("2026-01-02T03:04:05.123456789Z"),
            "device.revoked", "device", "success", null, "api_key", "k1",
            UUID.fromString("00000000-0000-0000-0000-000000000001"), null, "AQID", null, "web", "corr-1",
            UUID.fromString("00000000-0000-0000-0000-000000000002"), new byte[] {1, 2, 3, (byte) 0xff}, null, null);

    private static final AuditEntry AGGREGATE = new AuditEntry(43, "bank", Instant.parse("2026-01-02T03:04:05Z"),
            "authentication.failed", "authentication", "failure", "signature_invalid", "anonymous", null, null, null,
            null, null, null, "corr-2", null, null, null, null,
            new Occurrences(3, Instant.parse("2026-01-02T03:09:00Z")));

    @Test
    void aSingleEventsLeafInputIsItsCanonicalJsonWithItsPosition() {
        assertThat(new String(REVOKED.leafInput(7), StandardCharsets.UTF_8)).isEqualTo("{"
                + "\"actorId\":\"k1\",\"actorType\":\"api_key\",\"channel\":\"web\",\"correlationId\":\"corr-1\","
                + "\"credentialId\":\"AQID\",\"customerId\":\"00000000-0000-0000-0000-000000000001\","
                + "\"deviceId\":null,\"eventClass\":\"device\",\"eventType\":\"device.revoked\",\"leafIndex\":7,"
                + "\"networkData\":\"AQID_w\",\"networkKeyId\":\"00000000-0000-0000-0000-000000000002\","
                + "\"occurredAt\":\"2026-01-02T03:04:05.123456Z\",\"outcome\":\"success\",\"personalData\":null,"
                + "\"personalKeyId\":null,\"reason\":null,\"sessionId\":null,\"tenantId\":\"bank\"}");
    }

    @Test
    void aSingleEventsLeafHashIsTheKnownAnswer() {
        assertThat(HEX.formatHex(REVOKED.leafHash(7)))
                .isEqualTo("9442c4352aaa5eb0b0122c51f08bea272d675ec0842f5035383bb5bb580eef22");
    }

    @Test
    void anAggregatesLeafInputAddsItsCountAndLastTime() {
        assertThat(new String(AGGREGATE.leafInput(0), StandardCharsets.UTF_8)).isEqualTo("{"
                + "\"actorId\":null,\"actorType\":\"anonymous\",\"channel\":null,\"correlationId\":\"corr-2\","
                + "\"credentialId\":null,\"customerId\":null,\"deviceId\":null,\"eventClass\":\"authentication\","
                + "\"eventType\":\"authentication.failed\",\"lastOccurredAt\":\"2026-01-02T03:09:00Z\",\"leafIndex\":0,"
                + "\"networkData\":null,\"networkKeyId\":null,\"occurredAt\":\"2026-01-02T03:04:05Z\","
                + "\"occurrences\":3,\"outcome\":\"failure\",\"personalData\":null,\"personalKeyId\":null,"
                + "\"reason\":\"signature_invalid\",\"sessionId\":null,\"tenantId\":\"bank\"}");
        assertThat(HEX.formatHex(AGGREGATE.leafHash(0)))
                .isEqualTo("4e1423daa595fd666b4be485336f2a581c207a402f62028c740e320f26592288");
    }

    @Test
    void theDatabaseIdIsNotHashedButThePositionIs() {
        AuditEntry sameEventOtherId = new AuditEntry(4242, REVOKED.tenantId(), REVOKED.occurredAt(),
                REVOKED.eventType(), REVOKED.eventClass(), REVOKED.outcome(), null, REVOKED.actorType(),
                REVOKED.actorId(), REVOKED.customerId(), null, REVOKED.credentialId(), null, REVOKED.channel(),
                REVOKED.correlationId(), REVOKED.networkKeyId(), REVOKED.networkData(), null, null);

        assertThat(sameEventOtherId.leafHash(7)).isEqualTo(REVOKED.leafHash(7));
        assertThat(REVOKED.leafHash(8)).isNotEqualTo(REVOKED.leafHash(7));
    }

    @Test
    void anEventReadsBackFromItsExportLineWithTheSameLeafHash() {
        for (AuditEntry event : List.of(REVOKED, AGGREGATE)) {
            AuditEntry read = AuditExport.readEvent(JSON.readTree(AuditExport.eventJson(event)));

            assertThat(read.leafHash(9)).isEqualTo(event.leafHash(9));
            assertThat(read.id()).isEqualTo(event.id());
        }
    }

    @Test
    void anEventWithAMissingMemberIsRejectedByName() {
        var node = (ObjectNode) JSON.readTree(AuditExport.eventJson(REVOKED));
        node.remove("correlationId");

        assertThatThrownBy(() -> AuditExport.readEvent(node))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("correlationId is missing");
    }
}
