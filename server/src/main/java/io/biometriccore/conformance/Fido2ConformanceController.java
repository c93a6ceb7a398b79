package io.biometriccore.conformance;

import io.biometriccore.ceremonies.AuthenticationCeremony;
import io.biometriccore.ceremonies.AuthenticationStart;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.ceremonies.RegistrationCeremony;
import io.biometriccore.ceremonies.RegistrationStart;
import io.biometriccore.ceremonies.Started;
import io.biometriccore.ceremonies.WebAuthnJson.AuthenticationResponseJSON;
import io.biometriccore.ceremonies.WebAuthnJson.RegistrationResponseJSON;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.AttestationConveyance;
import io.biometriccore.tenancy.Requirement;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance profile: {@code /attestation/options}, {@code /attestation/result},
 * {@code /assertion/options}, {@code /assertion/result}. Every answer carries
 * {@code {"status":"ok"|"failed","errorMessage":...}}; a failure is a 4xx with a non-empty message.
 * A result finds its ceremony through the cookie set by the options call, or, without the cookie,
 * through the challenge in the client data. Only tenants with the conformance profile serve these
 * routes ({@link ConformanceProfileInterceptor}).
 */
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}/fido2", produces = MediaType.APPLICATION_JSON_VALUE)
class Fido2ConformanceController {

    static final String ATTESTATION_COOKIE = "fido2-attestation";
    static final String ASSERTION_COOKIE = "fido2-assertion";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** These routes finish only what they started: not a sign-in, a step-up or an approval. */
    private static final Set<CeremonyPurpose> CONFORMANCE = Set.of(CeremonyPurpose.CONFORMANCE);

    private final RegistrationCeremony registration;
    private final AuthenticationCeremony authentication;

    Fido2ConformanceController(RegistrationCeremony registration, AuthenticationCeremony authentication) {
        this.registration = registration;
        this.authentication = authentication;
    }

    record AuthenticatorSelection(@Nullable Requirement residentKey, @Nullable Boolean requireResidentKey,
            @Nullable Requirement userVerification) {
    }

    record ServerPublicKeyCredentialCreationOptionsRequest(@Nullable String username, @Nullable String displayName,
            @Nullable AuthenticatorSelection authenticatorSelection, @Nullable AttestationConveyance attestation) {

        RegistrationStart toStart() {
            AuthenticatorSelection selection = authenticatorSelection;
            Requirement residentKey = selection == null ? null
                    : Boolean.TRUE.equals(selection.requireResidentKey()) ? Requirement.REQUIRED : selection.residentKey();
            return new RegistrationStart(username == null ? "" : username, displayName, residentKey, attestation,
                    selection == null ? null : selection.userVerification());
        }
    }

    record ServerPublicKeyCredentialGetOptionsRequest(@Nullable String username,
            @Nullable Requirement userVerification) {
    }

    @PostMapping(path = "/attestation/options", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> attestationOptions(@PathVariable String tenantId,
            @RequestBody ServerPublicKeyCredentialCreationOptionsRequest body) {
        return ok(tenantId, ATTESTATION_COOKIE, registration.startForConformance(tenantId, body.toStart()));
    }

    @PostMapping(path = "/attestation/result", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> attestationResult(@PathVariable String tenantId,
            @CookieValue(name = ATTESTATION_COOKIE, required = false) @Nullable String handle,
            @RequestBody RegistrationResponseJSON body, HttpServletRequest request) {
        registration.finish(tenantId, CONFORMANCE, Optional.ofNullable(handle), body.decode(), ClientContext.of(request));
        return status("ok", "");
    }

    @PostMapping(path = "/assertion/options", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> assertionOptions(@PathVariable String tenantId,
            @RequestBody ServerPublicKeyCredentialGetOptionsRequest body) {
        return ok(tenantId, ASSERTION_COOKIE,
                authentication.startForConformance(tenantId,
                        AuthenticationStart.of(body.username(), body.userVerification())));
    }

    @PostMapping(path = "/assertion/result", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> assertionResult(@PathVariable String tenantId,
            @CookieValue(name = ASSERTION_COOKIE, required = false) @Nullable String handle,
            @RequestBody AuthenticationResponseJSON body, HttpServletRequest request) {
        authentication.finish(tenantId, CONFORMANCE, Optional.ofNullable(handle), body.decode(),
                ClientContext.of(request));
        return status("ok", "");
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> failed(ApiException e) {
        return ResponseEntity.status(e.problem().status()).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> e.headers().forEach(headers::add)).body(failure(e.problem().code() + ": " + e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(failure("malformed_request: the request body is not valid JSON of the expected shape"));
    }

    private static ResponseEntity<Map<String, Object>> ok(String tenantId, String cookie, Started<?> started) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("errorMessage", "");
        body.putAll(JSON.convertValue(started.options(), Map.class));
        ResponseCookie handleCookie = ResponseCookie.from(cookie, started.handle()).httpOnly(true).secure(false)
                .sameSite("Strict").path("/v1/tenants/" + tenantId + "/fido2").maxAge(Duration.ofMinutes(10)).build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, handleCookie.toString()).body(body);
    }

    private static ResponseEntity<Map<String, Object>> status(String status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("errorMessage", message);
        return ResponseEntity.ok(body);
    }

    private static Map<String, Object> failure(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "failed");
        body.put("errorMessage", message);
        return body;
    }
}
