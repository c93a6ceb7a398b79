package io.biometriccore.appintegrity;

import io.biometriccore.shared.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The device record's app integrity (ADR 0048): challenges for the bank's app, its attestations and
 * assertions verified against the tenant's apps, and what they proved. Every refusal is an
 * {@link ApiException} of an {@link AppIntegrityProblem}, recorded on the device and audited; every
 * success is audited in the transaction that records it. The caller has established that the device is
 * the customer's.
 */
public interface DeviceIntegrity {

    /** A new single-use challenge for the device, in place of any it had. */
    AttestationChallenge challenge(AttestingDevice device);

    /**
     * Verifies an App Attest attestation of the tenant's app {@code appId} ({@code <teamId>.<bundleId>})
     * over the device's pending {@code challenge}, and keeps the key and the posture on the device record.
     */
    VerifiedPosture attestApple(AttestingDevice device, String appId, byte[] keyId, byte[] attestationObject,
            String challenge);

    /**
     * Verifies an Android key attestation chain (DER, leaf first) of the tenant's app {@code packageName}
     * over the device's pending {@code challenge}, and keeps the posture on the device record.
     */
    VerifiedPosture attestAndroid(AttestingDevice device, String packageName, List<byte[]> certificateChain,
            String challenge);

    /**
     * Verifies an App Attest assertion of the device's attested key over {@code clientData}, a JSON object
     * whose {@code challenge} is the device's pending challenge, and moves the stored counter to its own.
     *
     * @return the assertion's counter
     */
    long assertApple(AttestingDevice device, byte[] assertion, byte[] clientData);

    /** What the device record says of the app on the device; empty when nothing was ever attested or refused. */
    Optional<DeviceAttestation> find(String tenantId, UUID deviceId);
}
