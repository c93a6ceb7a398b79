package io.biometriccore.appintegrity.internal;

import io.biometriccore.appintegrity.AndroidKeyAttestation;
import io.biometriccore.appintegrity.AppAttested;
import io.biometriccore.appintegrity.AppIntegrityProblem;
import io.biometriccore.appintegrity.AppleApp;
import io.biometriccore.appintegrity.AppleAppAttest;
import io.biometriccore.appintegrity.AttestationChallenge;
import io.biometriccore.appintegrity.AttestationRejection;
import io.biometriccore.appintegrity.AttestingDevice;
import io.biometriccore.appintegrity.DeviceAttestation;
import io.biometriccore.appintegrity.DeviceIntegrity;
import io.biometriccore.appintegrity.Verification;
import io.biometriccore.appintegrity.VerifiedPosture;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecureRandoms;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The device record's app integrity. Not one transaction: the challenge is taken on its own statement
 * before anything is verified, so a refused attempt has used it up too; a refusal is recorded and audited
 * on its own, and a success is recorded and audited in one transaction.
 */
@Service
class DeviceIntegrityService implements DeviceIntegrity {

    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AppleAppAttest apple;
    private final AndroidKeyAttestation android;
    private final TenantApps apps;
    private final AttestationChallenges challenges;
    private final DeviceRecords records;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DeviceIntegrityService(AppleAppAttest apple, AndroidKeyAttestation android, TenantApps apps,
            AttestationChallenges challenges, DeviceRecords records, ApplicationEventPublisher events,
            TransactionTemplate transaction, Clock clock) {
        this.apple = apple;
        this.android = android;
        this.apps = apps;
        this.challenges = challenges;
        this.records = records;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public AttestationChallenge challenge(AttestingDevice device) {
        AttestationChallenge issued = new AttestationChallenge(SecureRandoms.base64Url(32),
                clock.instant().plus(CHALLENGE_LIFETIME).truncatedTo(ChronoUnit.MILLIS));
        transaction.executeWithoutResult(status -> challenges.replace(device, issued));
        return issued;
    }

    @Override
    public VerifiedPosture attestApple(AttestingDevice device, String appId, byte[] keyId, byte[] attestationObject,
            String challenge) {
        byte[] taken = takeChallenge(device, challenge, SecurityEventType.APP_INTEGRITY_ATTESTATION_FAILED);
        AppleApp app = apps.apple(device.tenantId(), appId).orElseThrow(() -> refused(device,
                SecurityEventType.APP_INTEGRITY_ATTESTATION_FAILED, AttestationRejection.APP_ID_MISMATCH,
                "not an iOS app of the tenant"));
        AppAttested attested = verified(device, SecurityEventType.APP_INTEGRITY_ATTESTATION_FAILED,
                apple.verifyAttestation(app, keyId, attestationObject, taken));
        return keep(device, attested.posture(), attested);
    }

    @Override
    public VerifiedPosture attestAndroid(AttestingDevice device, String packageName, List<byte[]> certificateChain,
            String challenge) {
        byte[] taken = takeChallenge(device, challenge, SecurityEventType.APP_INTEGRITY_ATTESTATION_FAILED);
        TenantApps.AndroidRule rule = apps.android(device.tenantId(), packageName).orElseThrow(() -> refused(device,
                SecurityEventType.APP_INTEGRITY_ATTESTATION_FAILED, AttestationRejection.APP_ID_MISMATCH,
                "not an Android app of the tenant"));
        VerifiedPosture posture = verified(device, SecurityEventType.APP_INTEGRITY_ATTESTATION_FAILED,
                android.verify(rule.app(), certificateChain, taken, rule.minimum()));
        return keep(device, posture, null);
    }

    @Override
    public long assertApple(AttestingDevice device, byte[] assertion, byte[] clientData) {
        SecurityEventType failed = SecurityEventType.APP_INTEGRITY_ASSERTION_FAILED;
        DeviceRecords.AttestedKey key = records.appAttestKey(device).orElseThrow(() -> {
            publishFailure(device, failed, AppIntegrityProblem.APP_ATTESTATION_MISSING.code(), "no App Attest key");
            return new ApiException(AppIntegrityProblem.APP_ATTESTATION_MISSING);
        });
        takeChallenge(device, challengeOf(device, clientData), failed);
        AppleApp app = apps.apple(device.tenantId(), key.appId()).orElseThrow(() -> refused(device, failed,
                AttestationRejection.APP_ID_MISMATCH, "the attested app is no longer one of the tenant's"));
        long counter = verified(device, failed,
                apple.verifyAssertion(app, key.key(), key.counter(), assertion, clientData));
        Boolean advanced = transaction.execute(status -> {
            boolean moved = records.advanceCounter(device, key.counter(), counter);
            if (moved) {
                events.publishEvent(event(SecurityEvent.success(device.tenantId(),
                        SecurityEventType.APP_INTEGRITY_ASSERTED), device).reason(key.appId()).build());
            }
            return moved;
        });
        if (!Boolean.TRUE.equals(advanced)) {
            throw refused(device, failed, AttestationRejection.COUNTER_NOT_INCREASING,
                    "another assertion moved the counter meanwhile");
        }
        return counter;
    }

    @Override
    public Optional<DeviceAttestation> find(String tenantId, UUID deviceId) {
        return records.find(tenantId, deviceId);
    }

    private VerifiedPosture keep(AttestingDevice device, VerifiedPosture posture, @Nullable AppAttested attested) {
        transaction.executeWithoutResult(status -> {
            records.verified(device, posture, attested == null ? null : attested.key());
            events.publishEvent(event(SecurityEvent.success(device.tenantId(), SecurityEventType.APP_INTEGRITY_ATTESTED),
                    device).reason(posture.platform().wireName() + ":" + posture.securityLevel().wireName()).build());
        });
        return posture;
    }

    /** The pending challenge's bytes, if {@code challenge} is it; refused {@code challenge_mismatch} otherwise. */
    private byte[] takeChallenge(AttestingDevice device, String challenge, SecurityEventType failed) {
        if (!challenges.take(device, challenge, clock.instant())) {
            throw refused(device, failed, AttestationRejection.CHALLENGE_MISMATCH, "no such pending challenge");
        }
        return Base64Url.decode(challenge, "challenge");
    }

    /** The {@code challenge} member of the client data the app hashed into its assertion. */
    private String challengeOf(AttestingDevice device, byte[] clientData) {
        try {
            JsonNode challenge = JSON.readTree(new String(clientData, StandardCharsets.UTF_8)).path("challenge");
            if (challenge.isString()) {
                return challenge.asString();
            }
        } catch (RuntimeException e) {
            // Not JSON: refused below like JSON without a challenge.
        }
        throw refused(device, SecurityEventType.APP_INTEGRITY_ASSERTION_FAILED, AttestationRejection.ATTESTATION_MALFORMED,
                "clientData is not a JSON object with a challenge");
    }

    private <T> T verified(AttestingDevice device, SecurityEventType failed, Verification<T> verification) {
        return switch (verification) {
            case Verification.Verified<T> v -> v.value();
            case Verification.Rejected<T> r -> throw refused(device, failed, r.reason(), r.detail());
        };
    }

    /** Records and audits a refusal, and answers the exception to throw. */
    private ApiException refused(AttestingDevice device, SecurityEventType type, AttestationRejection reason,
            String detail) {
        transaction.executeWithoutResult(status -> records.failed(device, reason.code(), clock.instant()));
        publishFailure(device, type, reason.code(), detail);
        return new ApiException(AppIntegrityProblem.of(reason));
    }

    private void publishFailure(AttestingDevice device, SecurityEventType type, String code, String detail) {
        events.publishEvent(event(SecurityEvent.failure(device.tenantId(), type, code), device)
                .personal("detail", detail).build());
    }

    private static SecurityEvent.Builder event(SecurityEvent.Builder builder, AttestingDevice device) {
        return builder.customer(device.customerId()).device(device.deviceId());
    }
}
