package io.biometriccore.metadata.internal;

import com.webauthn4j.metadata.data.MetadataBLOB;
import com.webauthn4j.metadata.data.MetadataBLOBPayloadEntry;
import com.webauthn4j.metadata.data.toc.StatusReport;
import io.biometriccore.metadata.MetadataEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A verified BLOB, indexed for the ceremonies: by AAGUID (FIDO2) and by
 * attestationCertificateKeyIdentifier (U2F). UAF entries (AAID) are not used.
 *
 * @param no         the payload's serial number
 * @param nextUpdate the payload's {@code nextUpdate}, a date: it is reached at its start, UTC
 */
record LoadedBlob(int no, LocalDate nextUpdate, String jws, Instant loadedAt, Map<UUID, MetadataEntry> byAaguid,
        Map<String, MetadataEntry> byKeyIdentifier) {

    LoadedBlob {
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Objects.requireNonNull(jws, "jws");
        Objects.requireNonNull(loadedAt, "loadedAt");
        byAaguid = Map.copyOf(byAaguid);
        byKeyIdentifier = Map.copyOf(byKeyIdentifier);
    }

    static LoadedBlob of(MetadataBLOB blob, String jws, Instant loadedAt) {
        var payload = blob.getPayload();
        if (payload.getNo() == null || payload.getNextUpdate() == null || payload.getEntries() == null) {
            throw new IllegalArgumentException("The BLOB payload lacks no, nextUpdate or entries");
        }
        Map<UUID, MetadataEntry> byAaguid = new HashMap<>();
        Map<String, MetadataEntry> byKeyIdentifier = new HashMap<>();
        for (MetadataBLOBPayloadEntry e : payload.getEntries()) {
            MetadataEntry entry = entry(e);
            if (e.getAaguid() != null) {
                byAaguid.put(e.getAaguid().getValue(), entry);
            }
            Optional.ofNullable(e.getAttestationCertificateKeyIdentifiers()).orElse(List.of())
                    .forEach(id -> byKeyIdentifier.put(id.toLowerCase(Locale.ROOT), entry));
        }
        return new LoadedBlob(payload.getNo(), payload.getNextUpdate(), jws, loadedAt, byAaguid, byKeyIdentifier);
    }

    private static MetadataEntry entry(MetadataBLOBPayloadEntry e) {
        var statement = e.getMetadataStatement();
        Set<String> statuses = Optional.ofNullable(e.getStatusReports()).orElse(List.of()).stream()
                .map(StatusReport::getStatus).filter(Objects::nonNull).map(s -> s.getValue())
                .collect(Collectors.toSet());
        return statement == null
                ? new MetadataEntry(List.of(), statuses)
                : new MetadataEntry(statement.getAttestationRootCertificates(), statuses);
    }

    /** When {@code nextUpdate} begins, UTC. */
    Instant nextUpdateAt() {
        return nextUpdate.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whether this BLOB still counts: before {@code nextUpdate} plus the grace. */
    boolean inForce(Instant now, Duration grace) {
        return now.isBefore(nextUpdateAt().plus(grace));
    }

    boolean due(Instant now) {
        return !now.isBefore(nextUpdateAt());
    }
}
