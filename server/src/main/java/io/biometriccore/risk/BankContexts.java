package io.biometriccore.risk;

import io.biometriccore.shared.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * What an options request reports of its attempt, for the risk engine: the bank's signed
 * {@code context} (docs/risk.md "The bank's context"), verified when the options are asked for, and
 * the client's own {@code posture} claim. The ceremony keeps both in its pending state.
 */
public interface BankContexts {

    /**
     * What the options request reported; each member null when it sent none. A context is single use:
     * its {@code jti} is spent here.
     *
     * @throws ApiException {@code context_malformed}, {@code context_signature_invalid},
     *                      {@code context_audience_mismatch}, {@code context_expired}, {@code context_replayed},
     *                      or {@code invalid_request} for a posture claim that is no posture
     */
    Reported report(String tenantId, @Nullable String context, @Nullable PostureClaim posture);

    /** What an options request whose body is only its report (or none at all) reported. */
    default Reported report(String tenantId, @Nullable AttemptReport report) {
        return report == null ? Reported.NONE : report(tenantId, report.context(), report.posture());
    }

    /** The verified context and the claimed posture of one options request. */
    record Reported(@Nullable BankContext bank, @Nullable DevicePosture claimed) {

        /** Nothing reported. */
        public static final Reported NONE = new Reported(null, null);

        public Reported {
            if (claimed != null && claimed.trust() != DevicePosture.Trust.CLAIMED) {
                throw new IllegalArgumentException("the client's own posture report is a claim");
            }
        }
    }
}
