package io.biometriccore.ceremonies.internal;

import io.biometriccore.ceremonies.AuthenticationCeremony;
import io.biometriccore.ceremonies.AuthenticationResult;
import io.biometriccore.ceremonies.AuthenticationStart;
import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.ceremonies.PublicKeyCredentialCreationOptionsJSON;
import io.biometriccore.ceremonies.PublicKeyCredentialRequestOptionsJSON;
import io.biometriccore.ceremonies.RegistrationCeremony;
import io.biometriccore.ceremonies.RegistrationResult;
import io.biometriccore.ceremonies.RegistrationStart;
import io.biometriccore.ceremonies.WebAuthnJson.AuthenticationResponseJSON;
import io.biometriccore.ceremonies.WebAuthnJson.RegistrationResponseJSON;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client API of the ceremonies, called by the Web SDK and mobile apps. Options come back as
 * WebAuthn L3 JSON; results go in as what {@code PublicKeyCredential.toJSON()} gives. The pending
 * ceremony is found by its challenge.
 */
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}", produces = MediaType.APPLICATION_JSON_VALUE)
class ClientApiController {

    private final RegistrationCeremony registration;
    private final AuthenticationCeremony authentication;

    ClientApiController(RegistrationCeremony registration, AuthenticationCeremony authentication) {
        this.registration = registration;
        this.authentication = authentication;
    }

    record RegistrationOptionsRequest(@Nullable String username, @Nullable String displayName) {
    }

    record AuthenticationOptionsRequest(@Nullable String username) {
    }

    @PostMapping(path = "/registration/options", consumes = MediaType.APPLICATION_JSON_VALUE)
    PublicKeyCredentialCreationOptionsJSON registrationOptions(@PathVariable String tenantId,
            @RequestBody RegistrationOptionsRequest body) {
        String username = body.username() == null ? "" : body.username();
        return registration.start(tenantId, RegistrationStart.of(username, body.displayName())).options();
    }

    @PostMapping(path = "/registration/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    RegistrationResult registrationVerify(@PathVariable String tenantId, @RequestBody RegistrationResponseJSON body,
            HttpServletRequest request) {
        return registration.finish(tenantId, Optional.empty(), body.decode(), ClientContext.of(request));
    }

    @PostMapping(path = "/authentication/options", consumes = MediaType.APPLICATION_JSON_VALUE)
    PublicKeyCredentialRequestOptionsJSON authenticationOptions(@PathVariable String tenantId,
            @RequestBody AuthenticationOptionsRequest body) {
        return authentication.start(tenantId, new AuthenticationStart(body.username(), null)).options();
    }

    @PostMapping(path = "/authentication/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    AuthenticationResult authenticationVerify(@PathVariable String tenantId,
            @RequestBody AuthenticationResponseJSON body, HttpServletRequest request) {
        return authentication.finish(tenantId, Optional.empty(), body.decode(), ClientContext.of(request));
    }
}
