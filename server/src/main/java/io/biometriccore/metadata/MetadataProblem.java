package io.biometriccore.metadata;

import io.biometriccore.shared.ProblemCode;

/** Why a refresh of the MDS3 BLOB did not take a new BLOB into force. The codes are public contract. */
public enum MetadataProblem implements ProblemCode {
    MDS_NOT_CONFIGURED("mds_not_configured", 409, "No FIDO MDS3 source is configured for this deployment"),
    MDS_SOURCE_UNREACHABLE("mds_source_unreachable", 502, "The FIDO MDS3 source could not be read; the last good BLOB stays in force"),
    MDS_BLOB_REJECTED("mds_blob_rejected", 502, "The FIDO MDS3 BLOB was refused; the last good BLOB stays in force");

    private final Definition definition;

    MetadataProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
