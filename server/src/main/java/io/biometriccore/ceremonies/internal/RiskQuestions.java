package io.biometriccore.ceremonies.internal;

import io.biometriccore.ceremonies.AuthenticatorFlags;
import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.credentials.Credential;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import io.biometriccore.risk.AttemptFacts;
import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.risk.RiskEngine;
import io.biometriccore.tenancy.DecisionFacts;
import java.util.Locale;
import java.util.Set;

/**
 * What the assertion pipeline's risk step asks the {@link RiskEngine}: the facts of an assertion whose
 * signature and counter checked out, with what its options request said of the attempt.
 */
public final class RiskQuestions {

    private final RiskEngine engine;
    private final AuthenticatorMetadata metadata;

    RiskQuestions(RiskEngine engine, AuthenticatorMetadata metadata) {
        this.engine = engine;
        this.metadata = metadata;
    }

    RiskAssessment assess(AssertionSteps.Assertion a) {
        Credential c = a.credentialRecord();
        CeremonyContext context = a.options().context();
        return engine.assess(new AttemptFacts(a.options().tenantId(), a.options().purpose().riskAction(),
                a.user().id(), c, facts(c, a.flags(), metadata), a.authenticatorData().getSignCount(),
                a.client().clientIp(), a.client().userAgent(), context.bankContext(), context.claimedPosture(),
                context.requesterPlace()));
    }

    /** The authenticator's facts, as the policy's decisions and the risk engine record them. */
    public static DecisionFacts facts(Credential c, AuthenticatorFlags flags, AuthenticatorMetadata metadata) {
        return DecisionFacts.of(c.aaguid(), c.attestationFormat(), c.attestationTrust().name().toLowerCase(Locale.ROOT),
                flags.userVerified(), flags.backupEligible(), flags.backupState(),
                c.keyProtection().deviceBound(flags.backupEligible()), metadata.findByAaguid(c.aaguid())
                        .map(MetadataEntry::statuses).orElse(Set.<String>of()));
    }
}
