package io.biometriccore.tenancy;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a registration, sign-in, step-up or approval was decided on, as stored with the decision
 * (docs/policy.md "Dry run"). Authenticator facts only: nothing about the person but what the decision
 * row's customer id says.
 *
 * @param aaguid           the authenticator model
 * @param format           the attestation statement format
 * @param trust            how the attestation was judged: {@code trusted}, {@code untrusted}, {@code self} or {@code none}
 * @param userVerified     the UV flag of this ceremony
 * @param backupEligible   the BE flag: a synced passkey
 * @param backupState      the BS flag
 * @param deviceBound      BE=0 and the model's keys not in software (ADR 0042): what the signing rules ask
 * @param statuses         the model's FIDO MDS3 status reports at that time
 * @param acrAsked         the level the client asked for, for a sign-in or step-up
 * @param acrReached       the level the session reached, for a sign-in or step-up
 * @param amountMinor      an approval's amount in minor units
 * @param currency         an approval's ISO 4217 currency
 */
public record DecisionFacts(UUID aaguid, String format, String trust, boolean userVerified, boolean backupEligible,
        boolean backupState, boolean deviceBound, Set<String> statuses, @Nullable String acrAsked, @Nullable String acrReached,
        @Nullable Long amountMinor, @Nullable String currency) {

    public DecisionFacts {
        Objects.requireNonNull(aaguid, "aaguid");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(trust, "trust");
        statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
        if ((amountMinor == null) != (currency == null)) {
            throw new IllegalArgumentException("amountMinor and currency go together");
        }
    }

    /** The facts of a registration or an authentication, without an amount. */
    public static DecisionFacts of(UUID aaguid, String format, String trust, boolean userVerified,
            boolean backupEligible, boolean backupState, boolean deviceBound, Set<String> statuses) {
        return new DecisionFacts(aaguid, format, trust, userVerified, backupEligible, backupState, deviceBound,
                statuses, null, null, null, null);
    }

    public DecisionFacts withAcr(@Nullable String asked, @Nullable String reached) {
        return new DecisionFacts(aaguid, format, trust, userVerified, backupEligible, backupState, deviceBound,
                statuses, asked, reached, amountMinor, currency);
    }

    public DecisionFacts withAmount(long minorUnits, String currencyCode) {
        return new DecisionFacts(aaguid, format, trust, userVerified, backupEligible, backupState, deviceBound,
                statuses, acrAsked, acrReached, minorUnits, currencyCode);
    }
}
