package io.biometriccore.tenancy;

import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The members of the tenant's policy document beyond {@link TenantPolicy} and {@link SigningPolicy}
 * (docs/policy.md): which authenticator models may register, and what each action needs.
 *
 * @param aaguidAllow                when present, only these models may register
 * @param aaguidDeny                 these models may never register; the deny list wins
 * @param userVerification           §5.4.6 per action; approving a transaction always needs UV
 * @param trustedAttestationRequired the actions whose credential's attestation must be trusted
 * @param statusDenyAppliesTo        the actions besides registration where {@link TenantPolicy#statusDeny()}
 *                                   refuses a credential whose model MDS3 reports with such a status
 * @param syncedMaxLevel             the strongest level a synced (BE=1) credential reaches: {@code aal1}
 *                                   or {@code aal2}; never {@code aal3} (NIST SP 800-63B-4)
 * @param trustedAttestationAbove    per ISO 4217 currency, the amount in minor units above which only a
 *                                   device-bound credential with trusted attestation may approve
 * @param risk                       the risk engine's thresholds and what the tenant changed of its signals
 */
public record PolicyRules(@Nullable Set<UUID> aaguidAllow, Set<UUID> aaguidDeny,
        Map<PolicyAction, Requirement> userVerification, Set<PolicyAction> trustedAttestationRequired,
        Set<PolicyAction> statusDenyAppliesTo, String syncedMaxLevel, Map<String, Long> trustedAttestationAbove,
        RiskPolicy risk) {

    /** The level no synced credential ever reaches, whatever the tenant's levels say it needs. */
    public static final String NEVER_SYNCED = "aal3";

    public PolicyRules {
        aaguidAllow = aaguidAllow == null ? null : Set.copyOf(aaguidAllow);
        aaguidDeny = Set.copyOf(Objects.requireNonNull(aaguidDeny, "aaguidDeny"));
        userVerification = Map.copyOf(Objects.requireNonNull(userVerification, "userVerification"));
        trustedAttestationRequired = Set.copyOf(Objects.requireNonNull(trustedAttestationRequired,
                "trustedAttestationRequired"));
        statusDenyAppliesTo = Set.copyOf(Objects.requireNonNull(statusDenyAppliesTo, "statusDenyAppliesTo"));
        Objects.requireNonNull(syncedMaxLevel, "syncedMaxLevel");
        trustedAttestationAbove = Map.copyOf(Objects.requireNonNull(trustedAttestationAbove, "trustedAttestationAbove"));
        Objects.requireNonNull(risk, "risk");
        if (!Set.of("aal1", "aal2").contains(syncedMaxLevel)) {
            throw new IllegalArgumentException("syncedMaxLevel must be aal1 or aal2");
        }
        trustedAttestationAbove.forEach((currency, amount) -> {
            if (!currency.equals(currencyCode(currency)) || amount < 0) {
                throw new IllegalArgumentException("trustedAttestationAbove." + currency
                        + " must be an ISO 4217 code with an amount in minor units, 0 or more");
            }
        });
    }

    /** The rules a tenant without a policy document had: {@code policy}'s UV and trust at registration only. */
    public static PolicyRules of(TenantPolicy policy) {
        Map<PolicyAction, Requirement> uv = new EnumMap<>(PolicyAction.class);
        uv.put(PolicyAction.REGISTER, policy.userVerification());
        uv.put(PolicyAction.SIGN_IN, policy.userVerification());
        uv.put(PolicyAction.STEP_UP, policy.userVerification());
        uv.put(PolicyAction.APPROVE_TRANSACTION, Requirement.REQUIRED);
        Set<PolicyAction> trusted = policy.requireTrustedAttestation() ? EnumSet.of(PolicyAction.REGISTER)
                : EnumSet.noneOf(PolicyAction.class);
        return new PolicyRules(null, Set.of(), uv, trusted, Set.of(), "aal2", Map.of(), RiskPolicy.defaults());
    }

    /** §5.4.6 for this action; {@code required} for an approval. */
    public Requirement userVerification(PolicyAction action) {
        return action == PolicyAction.APPROVE_TRANSACTION ? Requirement.REQUIRED
                : userVerification.getOrDefault(action, Requirement.REQUIRED);
    }

    /** Whether the credential used for the action must have been registered with trusted attestation. */
    public boolean requiresTrustedAttestation(PolicyAction action) {
        return trustedAttestationRequired.contains(action);
    }

    /** Whether {@code statusDeny} refuses a credential for the action, not only at registration. */
    public boolean appliesStatusDeny(PolicyAction action) {
        return statusDenyAppliesTo.contains(action);
    }

    /** Whether the model is on the deny list. */
    public boolean denies(UUID aaguid) {
        return aaguidDeny.contains(aaguid);
    }

    /** Whether the model may register as far as the allow list goes: there is none, or it lists the model. */
    public boolean allows(UUID aaguid) {
        return aaguidAllow == null || aaguidAllow.contains(aaguid);
    }

    /** Whether an amount of {@code minorUnits} in {@code currency} needs a device-bound, trusted credential. */
    public boolean requiresTrustedAttestation(String currency, long minorUnits) {
        Long threshold = trustedAttestationAbove.get(currency);
        return threshold != null && minorUnits > threshold;
    }

    private static @Nullable String currencyCode(String code) {
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
