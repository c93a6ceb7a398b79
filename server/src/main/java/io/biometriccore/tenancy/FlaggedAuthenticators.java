package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a tenant does at the next sign-in of a credential flagged because FIDO metadata newly reports
 * its model with a status of the tenant's {@code statusDeny} (docs/mds.md, ADR 0040).
 */
public enum FlaggedAuthenticators {
    /** The credential signs in as before. */
    @JsonProperty("none") NONE,
    /** The sign-in succeeds at the tenant's weakest assurance level: anything above needs a step-up. */
    @JsonProperty("step_up") STEP_UP,
    /** The credential is suspended and the sign-in refused, as for a device an administrator suspended. */
    @JsonProperty("suspend") SUSPEND
}
