package io.biometriccore.tenancy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's WebAuthn policy. The server re-checks every part of it when verifying a ceremony; what
 * it puts into the options is only a hint to the client.
 *
 * @param userVerification          §5.4.6; {@code required} by default
 * @param residentKey               §5.4.6 {@code residentKey} for registration
 * @param attestation               §5.4.7 conveyance preference sent in creation options
 * @param acceptedAttestationFormats attestation statement formats (WebAuthn registry names) accepted
 * @param allowNoneAttestation      whether {@code fmt: none} is acceptable
 * @param allowSelfAttestation      whether self attestation (no certificate chain) is acceptable
 * @param requireTrustedAttestation whether a certificate chain must end at a configured trust anchor
 * @param allowedAlgorithms         offered in {@code pubKeyCredParams}, in this order of preference
 * @param challengeTimeout          how long a ceremony's challenge stays valid
 * @param statusDeny                FIDO MDS3 {@code AuthenticatorStatus} values: a model whose metadata
 *                                  reports one of them is refused at registration (docs/mds.md); a stored
 *                                  policy from before it existed reads as {@link #DEFAULT_STATUS_DENY}
 * @param flaggedAuthenticators     what a credential flagged for its model's status does at its next
 *                                  sign-in; a stored policy from before it existed reads as {@code step_up}
 */
public record TenantPolicy(
        Requirement userVerification,
        Requirement residentKey,
        AttestationConveyance attestation,
        Set<String> acceptedAttestationFormats,
        boolean allowNoneAttestation,
        boolean allowSelfAttestation,
        boolean requireTrustedAttestation,
        List<CoseAlgorithm> allowedAlgorithms,
        Duration challengeTimeout,
        Set<String> statusDeny,
        FlaggedAuthenticators flaggedAuthenticators) {

    /** The formats webauthn4j verifies, by their names in the IANA WebAuthn registry. */
    public static final Set<String> SUPPORTED_FORMATS =
            Set.of("packed", "tpm", "android-key", "android-safetynet", "apple", "fido-u2f", "none");

    /**
     * The FIDO MDS3 {@code AuthenticatorStatus} values (FIDO Metadata Service v3.0 §3.1.4), by their
     * names in the BLOB.
     */
    public static final Set<String> AUTHENTICATOR_STATUSES = Set.of("NOT_FIDO_CERTIFIED", "FIDO_CERTIFIED",
            "USER_VERIFICATION_BYPASS", "ATTESTATION_KEY_COMPROMISE", "USER_KEY_REMOTE_COMPROMISE",
            "USER_KEY_PHYSICAL_COMPROMISE", "UPDATE_AVAILABLE", "REVOKED", "SELF_ASSERTION_SUBMITTED",
            "FIDO_CERTIFIED_L1", "FIDO_CERTIFIED_L1plus", "FIDO_CERTIFIED_L2", "FIDO_CERTIFIED_L2plus",
            "FIDO_CERTIFIED_L3", "FIDO_CERTIFIED_L3plus");

    /** Every status that says a model's keys or its user verification cannot be relied on. */
    public static final Set<String> DEFAULT_STATUS_DENY = Set.of("USER_VERIFICATION_BYPASS",
            "ATTESTATION_KEY_COMPROMISE", "USER_KEY_REMOTE_COMPROMISE", "USER_KEY_PHYSICAL_COMPROMISE", "REVOKED");

    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    public TenantPolicy {
        Objects.requireNonNull(userVerification, "userVerification");
        Objects.requireNonNull(residentKey, "residentKey");
        Objects.requireNonNull(attestation, "attestation");
        acceptedAttestationFormats = Set.copyOf(Objects.requireNonNull(acceptedAttestationFormats, "acceptedAttestationFormats"));
        allowedAlgorithms = List.copyOf(Objects.requireNonNull(allowedAlgorithms, "allowedAlgorithms"));
        Objects.requireNonNull(challengeTimeout, "challengeTimeout");
        // A policy stored before statusDeny existed (V15) has none: it gets the default, never an empty list.
        statusDeny = statusDeny == null ? DEFAULT_STATUS_DENY : Set.copyOf(statusDeny);
        flaggedAuthenticators = flaggedAuthenticators == null ? FlaggedAuthenticators.STEP_UP : flaggedAuthenticators;
        if (!AUTHENTICATOR_STATUSES.containsAll(statusDeny)) {
            throw new IllegalArgumentException("statusDeny must be among " + AUTHENTICATOR_STATUSES);
        }
        if (!SUPPORTED_FORMATS.containsAll(acceptedAttestationFormats)) {
            throw new IllegalArgumentException("acceptedAttestationFormats must be among " + SUPPORTED_FORMATS);
        }
        if (allowedAlgorithms.isEmpty() || Set.copyOf(allowedAlgorithms).size() != allowedAlgorithms.size()) {
            throw new IllegalArgumentException("allowedAlgorithms must be non-empty and without repeats");
        }
        if (challengeTimeout.compareTo(MIN_TIMEOUT) < 0 || challengeTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("challengeTimeout must be between 30 seconds and 10 minutes");
        }
    }

    /** A policy with the default {@code statusDeny}. */
    public TenantPolicy(Requirement userVerification, Requirement residentKey, AttestationConveyance attestation,
            Set<String> acceptedAttestationFormats, boolean allowNoneAttestation, boolean allowSelfAttestation,
            boolean requireTrustedAttestation, List<CoseAlgorithm> allowedAlgorithms, Duration challengeTimeout) {
        this(userVerification, residentKey, attestation, acceptedAttestationFormats, allowNoneAttestation,
                allowSelfAttestation, requireTrustedAttestation, allowedAlgorithms, challengeTimeout,
                DEFAULT_STATUS_DENY);
    }

    /** A policy whose flagged credentials must step up. */
    public TenantPolicy(Requirement userVerification, Requirement residentKey, AttestationConveyance attestation,
            Set<String> acceptedAttestationFormats, boolean allowNoneAttestation, boolean allowSelfAttestation,
            boolean requireTrustedAttestation, List<CoseAlgorithm> allowedAlgorithms, Duration challengeTimeout,
            Set<String> statusDeny) {
        this(userVerification, residentKey, attestation, acceptedAttestationFormats, allowNoneAttestation,
                allowSelfAttestation, requireTrustedAttestation, allowedAlgorithms, challengeTimeout, statusDeny,
                FlaggedAuthenticators.STEP_UP);
    }

    /** This policy with another {@code statusDeny}. */
    public TenantPolicy withStatusDeny(Set<String> statuses) {
        return new TenantPolicy(userVerification, residentKey, attestation, acceptedAttestationFormats,
                allowNoneAttestation, allowSelfAttestation, requireTrustedAttestation, allowedAlgorithms,
                challengeTimeout, statuses, flaggedAuthenticators);
    }

    /** Bank-grade defaults: UV required, no {@code none} or self attestation, ES256/RS256/EdDSA, 5 minutes. */
    public static TenantPolicy defaults() {
        return new TenantPolicy(Requirement.REQUIRED, Requirement.PREFERRED, AttestationConveyance.DIRECT,
                SUPPORTED_FORMATS, false, false, false,
                List.of(CoseAlgorithm.ES256, CoseAlgorithm.EdDSA, CoseAlgorithm.RS256), Duration.ofMinutes(5));
    }

    /** Fills the members a partial JSON document left out with {@link #defaults()}. */
    public static TenantPolicy withDefaults(@Nullable Requirement userVerification, @Nullable Requirement residentKey,
            @Nullable AttestationConveyance attestation, @Nullable Set<String> acceptedAttestationFormats,
            @Nullable Boolean allowNoneAttestation, @Nullable Boolean allowSelfAttestation,
            @Nullable Boolean requireTrustedAttestation, @Nullable List<CoseAlgorithm> allowedAlgorithms,
            @Nullable Duration challengeTimeout, @Nullable Set<String> statusDeny,
            @Nullable FlaggedAuthenticators flaggedAuthenticators) {
        TenantPolicy d = defaults();
        return new TenantPolicy(
                userVerification != null ? userVerification : d.userVerification(),
                residentKey != null ? residentKey : d.residentKey(),
                attestation != null ? attestation : d.attestation(),
                acceptedAttestationFormats != null ? acceptedAttestationFormats : d.acceptedAttestationFormats(),
                allowNoneAttestation != null ? allowNoneAttestation : d.allowNoneAttestation(),
                allowSelfAttestation != null ? allowSelfAttestation : d.allowSelfAttestation(),
                requireTrustedAttestation != null ? requireTrustedAttestation : d.requireTrustedAttestation(),
                allowedAlgorithms != null ? allowedAlgorithms : d.allowedAlgorithms(),
                challengeTimeout != null ? challengeTimeout : d.challengeTimeout(),
                statusDeny != null ? statusDeny : d.statusDeny(),
                flaggedAuthenticators != null ? flaggedAuthenticators : d.flaggedAuthenticators());
    }
}
