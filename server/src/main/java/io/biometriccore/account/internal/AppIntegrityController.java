package io.biometriccore.account.internal;

import io.biometriccore.appintegrity.AppIntegrityProblem;
import io.biometriccore.appintegrity.AttestationChallenge;
import io.biometriccore.appintegrity.AttestingDevice;
import io.biometriccore.appintegrity.DeviceIntegrity;
import io.biometriccore.appintegrity.VerifiedPosture;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Session;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.ClientApi;
import io.biometriccore.shared.CommonProblem;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank's app proving itself on the customer's device (ADR 0048), under the customer's access token:
 * a challenge, an App Attest attestation or an Android key attestation over it, and App Attest
 * assertions. Only the device that opened the session speaks for itself.
 */
@ClientApi
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}/me/devices/{deviceId}", produces = MediaType.APPLICATION_JSON_VALUE)
class AppIntegrityController {

    /** Ten certificates: Android chains have three to five. */
    private static final int MAX_CHAIN = 10;

    private final DeviceIntegrity integrity;
    private final Credentials credentials;

    AppIntegrityController(DeviceIntegrity integrity, Credentials credentials) {
        this.integrity = integrity;
        this.credentials = credentials;
    }

    /**
     * One of {@code ios} or {@code android}: the app id ({@code <teamId>.<bundleId>}) with the App Attest
     * key id and attestation object, or the package name with the certificate chain, leaf first.
     */
    record Attestation(@Nullable String challenge, @Nullable Ios ios, @Nullable Android android) {
    }

    record Ios(@Nullable String appId, @Nullable String keyId, @Nullable String attestationObject) {
    }

    record Android(@Nullable String packageName, @Nullable List<String> certificateChain) {
    }

    record Assertion(@Nullable String assertion, @Nullable String clientData) {
    }

    record Asserted(long counter) {
    }

    @PostMapping("/app-attestation/challenge")
    ResponseEntity<AttestationChallenge> challenge(AuthenticatedSession caller, @PathVariable UUID deviceId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(integrity.challenge(device(caller, deviceId)));
    }

    @PostMapping(path = "/app-attestation", consumes = MediaType.APPLICATION_JSON_VALUE)
    VerifiedPosture attest(AuthenticatedSession caller, @PathVariable UUID deviceId, @RequestBody Attestation body) {
        AttestingDevice device = device(caller, deviceId);
        String challenge = required(body.challenge(), "challenge");
        if ((body.ios() == null) == (body.android() == null)) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, "exactly one of ios and android is required");
        }
        if (body.ios() != null) {
            Ios ios = body.ios();
            return integrity.attestApple(device, required(ios.appId(), "ios.appId"),
                    Base64Url.decode(ios.keyId(), "ios.keyId"),
                    Base64Url.decode(ios.attestationObject(), "ios.attestationObject"), challenge);
        }
        Android android = body.android();
        List<String> chain = android.certificateChain();
        if (chain == null || chain.isEmpty() || chain.size() > MAX_CHAIN) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST,
                    "android.certificateChain must hold 1 to " + MAX_CHAIN + " certificates");
        }
        return integrity.attestAndroid(device, required(android.packageName(), "android.packageName"),
                chain.stream().map(der -> Base64Url.decode(der, "android.certificateChain")).toList(), challenge);
    }

    @PostMapping(path = "/app-assertion", consumes = MediaType.APPLICATION_JSON_VALUE)
    Asserted assertion(AuthenticatedSession caller, @PathVariable UUID deviceId, @RequestBody Assertion body) {
        AttestingDevice device = device(caller, deviceId);
        return new Asserted(integrity.assertApple(device, Base64Url.decode(body.assertion(), "assertion"),
                Base64Url.decode(body.clientData(), "clientData")));
    }

    /** The caller's own device, and the one its session was opened with. */
    private AttestingDevice device(AuthenticatedSession caller, UUID deviceId) {
        Session own = caller.session();
        credentials.device(own.tenantId(), own.customerId(), deviceId);
        if (!deviceId.equals(own.deviceId())) {
            throw new ApiException(AppIntegrityProblem.SESSION_DEVICE_MISMATCH);
        }
        return new AttestingDevice(own.tenantId(), own.customerId(), deviceId);
    }

    private static String required(@Nullable String value, String member) {
        if (value == null || value.isEmpty()) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, member + " is missing");
        }
        return value;
    }
}
