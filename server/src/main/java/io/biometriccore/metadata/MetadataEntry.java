package io.biometriccore.metadata;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * What the ceremonies use of one MDS3 {@code MetadataBLOBPayloadEntry} (FIDO Metadata Service v3.0
 * §3.1.1) and its metadata statement (FIDO Metadata Statement v3.0 §4).
 *
 * @param attestationRootCertificates the statement's trust anchors for this model, and for no other
 * @param statuses                    every {@code status} of the entry's {@code statusReports}, as the BLOB
 *                                    spells them; a model reported compromised once stays reported
 */
public record MetadataEntry(List<X509Certificate> attestationRootCertificates, Set<String> statuses) {

    public MetadataEntry {
        attestationRootCertificates = List.copyOf(attestationRootCertificates);
        statuses = Set.copyOf(statuses);
    }
}
