package io.biometriccore.metadata;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the ceremonies use of one MDS3 {@code MetadataBLOBPayloadEntry} (FIDO Metadata Service v3.0
 * §3.1.1) and its metadata statement (FIDO Metadata Statement v3.0 §4).
 *
 * @param attestationRootCertificates the statement's trust anchors for this model, and for no other
 * @param statuses                    every {@code status} of the entry's {@code statusReports}, as the BLOB
 *                                    spells them; a model reported compromised once stays reported
 * @param description                 the statement's {@code description}, the model's name, if any
 * @param latestStatus                the {@code status} of the report with the latest {@code effectiveDate}
 *                                    (of equal dates, the last listed), if any: what the model is now
 * @param keyProtection               the statement's {@code keyProtection} values (Metadata Statement §4,
 *                                    FIDO Registry §3.2), lower case as MDS spells them: {@code software},
 *                                    {@code hardware}, {@code tee}, {@code secure_element}, ...; empty if none
 * @param attachmentHint              the statement's {@code attachmentHint} values (FIDO Registry §3.4), lower
 *                                    case: {@code internal}, {@code external}, {@code nfc}, ...; empty if none
 */
public record MetadataEntry(List<X509Certificate> attestationRootCertificates, Set<String> statuses,
        @Nullable String description, @Nullable String latestStatus, Set<String> keyProtection,
        Set<String> attachmentHint) {

    public MetadataEntry {
        attestationRootCertificates = List.copyOf(attestationRootCertificates);
        statuses = Set.copyOf(statuses);
        keyProtection = Set.copyOf(keyProtection);
        attachmentHint = Set.copyOf(attachmentHint);
        if (latestStatus != null && !statuses.contains(latestStatus)) {
            throw new IllegalArgumentException("latestStatus must be one of statuses");
        }
    }

    /** An entry without a name, whose latest status is not known, and whose statement says nothing of its keys. */
    public MetadataEntry(List<X509Certificate> attestationRootCertificates, Set<String> statuses) {
        this(attestationRootCertificates, statuses, null, null, Set.of(), Set.of());
    }
}
