package io.biometriccore.metadata.internal;

import com.webauthn4j.metadata.data.MetadataBLOB;
import com.webauthn4j.metadata.data.MetadataBLOBPayloadEntry;
import com.webauthn4j.metadata.data.toc.StatusReport;
import io.biometriccore.metadata.MetadataBlobLoaded;
import io.biometriccore.metadata.MetadataEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

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
        List<StatusReport> reports = Optional.ofNullable(e.getStatusReports()).orElse(List.of()).stream()
                .filter(r -> r.getStatus() != null).toList();
        Set<String> statuses = reports.stream().map(r -> r.getStatus().getValue()).collect(Collectors.toSet());
        String latest = latest(reports);
        return statement == null
                ? new MetadataEntry(List.of(), statuses, null, latest, Set.of(), Set.of())
                : new MetadataEntry(statement.getAttestationRootCertificates(), statuses, statement.getDescription(),
                        latest, spelled(statement.getKeyProtection()), spelled(statement.getAttachmentHint()));
    }

    /** The values of a statement's enum list as MDS spells them (lower case); none when absent. */
    private static Set<String> spelled(@Nullable List<? extends Enum<?>> values) {
        return Optional.ofNullable(values).orElse(List.of()).stream().filter(Objects::nonNull)
                .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** The report with the latest effectiveDate (a report without one counts as oldest); of equals, the last. */
    private static @Nullable String latest(List<StatusReport> reports) {
        StatusReport latest = null;
        for (StatusReport r : reports) {
            if (latest == null || !effective(r).isBefore(effective(latest))) {
                latest = r;
            }
        }
        return latest == null ? null : latest.getStatus().getValue();
    }

    private static LocalDate effective(StatusReport report) {
        return report.getEffectiveDate() == null ? LocalDate.MIN : report.getEffectiveDate();
    }

    /** The AAGUIDs whose latest status in this BLOB is not what it was in {@code previous}. */
    List<MetadataBlobLoaded.StatusChange> changesSince(@Nullable LoadedBlob previous) {
        Map<UUID, MetadataEntry> before = previous == null ? Map.of() : previous.byAaguid();
        Set<UUID> models = new HashSet<>(before.keySet());
        models.addAll(byAaguid.keySet());
        List<MetadataBlobLoaded.StatusChange> changes = new ArrayList<>();
        for (UUID aaguid : models) {
            String was = latestOf(before.get(aaguid));
            String now = latestOf(byAaguid.get(aaguid));
            if (!Objects.equals(was, now)) {
                changes.add(new MetadataBlobLoaded.StatusChange(aaguid, was, now));
            }
        }
        return changes;
    }

    private static @Nullable String latestOf(@Nullable MetadataEntry entry) {
        return entry == null ? null : entry.latestStatus();
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
