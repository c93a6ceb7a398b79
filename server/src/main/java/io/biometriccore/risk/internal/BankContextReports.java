package io.biometriccore.risk.internal;

import io.biometriccore.risk.BankContext;
import io.biometriccore.risk.BankContexts;
import io.biometriccore.risk.PostureClaim;
import io.biometriccore.shared.PublicUrl;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The options requests' reports: the bank's context verified against the tenant's context keys. */
@Component
class BankContextReports implements BankContexts {

    private final ContextVerifier verifier;

    BankContextReports(ContextKeys keys, SpentContexts spent, PublicUrl publicUrl, Clock clock) {
        this.verifier = new ContextVerifier(keys::find, spent::spend, publicUrl::issuer, clock);
    }

    @Override
    public Reported report(String tenantId, @Nullable String context, @Nullable PostureClaim posture) {
        BankContext bank = context == null ? null : verifier.verify(tenantId, context);
        return new Reported(bank, posture == null ? null : posture.claimed());
    }
}
