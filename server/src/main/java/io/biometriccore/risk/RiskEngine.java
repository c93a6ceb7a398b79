package io.biometriccore.risk;

import io.biometriccore.appintegrity.BootState;
import io.biometriccore.appintegrity.DeviceAttestation;
import io.biometriccore.appintegrity.DeviceIntegrity;
import io.biometriccore.appintegrity.VerifiedPosture;
import io.biometriccore.risk.internal.CustomerHistories;
import io.biometriccore.risk.internal.RiskRecording;
import io.biometriccore.risk.internal.SignalCombination;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.SeparateTransactions;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The one risk decision point every ceremony passes through once its signatures checked out
 * (docs/risk.md). The credential's status is the hard rule and goes first; then the signals are combined
 * under the tenant's {@code risk} policy. A {@code deny} is thrown here, the same for every action; what
 * a {@code step_up} means is the ceremony's, which knows its action.
 */
@Service
public class RiskEngine {

    private final Tenants tenants;
    private final NetworkLocator locator;
    private final CustomerHistories histories;
    private final SignalCombination combination;
    private final RiskRecording recording;
    private final SeparateTransactions separately;
    private final Clock clock;
    private final DeviceIntegrity integrity;

    RiskEngine(Tenants tenants, NetworkLocator locator, CustomerHistories histories, SignalCombination combination,
            RiskRecording recording, SeparateTransactions separately, Clock clock, DeviceIntegrity integrity) {
        this.integrity = integrity;
        this.recording = recording;
        this.separately = separately;
        this.tenants = tenants;
        this.locator = locator;
        this.histories = histories;
        this.combination = combination;
        this.clock = clock;
    }

    /**
     * @return an {@code allow} or a {@code step_up}
     * @throws ApiException {@code credential_suspended}, {@code credential_revoked},
     *                      {@code credential_suspected_clone}, or {@code risk_denied}
     */
    public RiskAssessment assess(AttemptFacts facts) {
        if (facts.credential() != null) {
            RiskProblem.refusing(facts.credential().status()).ifPresent(problem -> {
                throw new ApiException(problem);
            });
        }
        RiskAssessment assessment = combination.assess(attempt(facts),
                tenants.require(facts.tenantId()).rules().risk());
        if (assessment.outcome() == RiskOutcome.DENY) {
            refused(assessment);
            throw new ApiException(RiskProblem.RISK_DENIED);
        }
        return assessment;
    }

    /**
     * The ceremony refused the attempt for its assessment (a registration asked to step up): the decision
     * is recorded and audited on a transaction of its own, as a {@code deny} is.
     */
    public void refused(RiskAssessment assessment) {
        separately.run("The risk decision", () -> recording.record(assessment));
    }

    /**
     * In the transaction of the attempt's success: the decision is recorded (and a {@code step_up}
     * audited), and the customer's history remembers the success, unless it left the session restricted:
     * remembering a place, network or hour nobody has confirmed would let the next attempt from there
     * pass without the step-up this one was asked for.
     */
    public void succeeded(RiskAssessment assessment) {
        recording.record(assessment);
        RiskAttempt attempt = assessment.attempt();
        if (attempt.customerId() != null && attempt.action() != RiskAction.REGISTER
                && !assessment.restrictsTheSession()) {
            histories.recordSuccess(attempt.tenantId(), attempt.customerId(), attempt);
        }
    }

    private RiskAttempt attempt(AttemptFacts f) {
        BankContext bank = f.bankContext();
        Place place = bank != null && bank.location() != null ? bank.location()
                : locator.place(bank != null && bank.ip() != null ? bank.ip() : f.clientIp());
        DevicePosture attested = f.credential() == null ? null : attested(f.tenantId(), f.credential().deviceId());
        DevicePosture posture = attested != null ? attested
                : bank != null && bank.posture() != null ? bank.posture() : f.claimedPosture();
        Place requester = f.action() != RiskAction.CROSS_CHANNEL_APPROVAL ? null
                : f.requesterPlace() != null ? f.requesterPlace() : Place.UNKNOWN;
        CustomerHistory history = f.customerId() == null ? CustomerHistory.NONE
                : histories.find(f.tenantId(), f.customerId());
        return new RiskAttempt(f.tenantId(), f.action(), clock.instant(), f.customerId(), f.credential(),
                f.authenticator(), f.signCount(), f.clientIp(), f.userAgent(), place, posture, requester, history);
    }

    /**
     * What the device's last verified app attestation proved (ADR 0048): rooted when its boot state is
     * not verified or its bootloader unlocked, unknown where the platform attests no boot state (App
     * Attest); a hardware-backed key is a phone, not an emulator.
     */
    private @Nullable DevicePosture attested(String tenantId, UUID deviceId) {
        VerifiedPosture verified = integrity.find(tenantId, deviceId).map(DeviceAttestation::posture).orElse(null);
        if (verified == null) {
            return null;
        }
        Boolean rooted = verified.bootState() == BootState.NOT_ATTESTED ? null
                : verified.bootState() != BootState.VERIFIED || Boolean.FALSE.equals(verified.deviceLocked());
        return new DevicePosture(DevicePosture.Trust.ATTESTED, rooted,
                verified.securityLevel().hardware() ? Boolean.FALSE : null, null);
    }
}
