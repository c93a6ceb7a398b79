package io.biometriccore.ceremonies.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.biometriccore.ceremonies.AuthenticationCeremony;
import io.biometriccore.ceremonies.AuthenticationResult;
import io.biometriccore.ceremonies.AuthenticationStart;
import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.ceremonies.PublicKeyCredentialCreationOptionsJSON;
import io.biometriccore.ceremonies.PublicKeyCredentialRequestOptionsJSON;
import io.biometriccore.ceremonies.RegistrationCeremony;
import io.biometriccore.ceremonies.RegistrationResult;
import io.biometriccore.ceremonies.RegistrationStart;
import io.biometriccore.ceremonies.WebAuthnJson.AuthenticationResponseJSON;
import io.biometriccore.ceremonies.WebAuthnJson.RegistrationResponseJSON;
import io.biometriccore.identity.Customers;
import io.biometriccore.risk.BankContexts;
import io.biometriccore.risk.PostureClaim;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Channel;
import io.biometriccore.sessions.DPoPProof;
import io.biometriccore.sessions.VerifiedProof;
import io.biometriccore.sessions.SignIn;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.sessions.TokenResponse;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.BearerToken;
import io.biometriccore.shared.ClientApi;
import io.biometriccore.shared.CommonProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client API of the ceremonies, called by the Web SDK and mobile apps. Options come back as
 * WebAuthn L3 JSON; results go in as what {@code PublicKeyCredential.toJSON()} gives. The pending
 * ceremony is found by its challenge.
 *
 * <p>Registration redeems an enrollment grant ({@code Authorization: Bearer eg_...}) or, on an open
 * enrollment tenant, needs none. Authentication opens a session and answers with its tokens (bound to
 * the key of a {@code DPoP} proof sent with the assertion, RFC 9449); with an access token in
 * {@code Authorization} it is a step-up of that session instead.
 */
@ClientApi
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}", produces = MediaType.APPLICATION_JSON_VALUE)
class ClientApiController {

    /** Both registrations start here, so both finish here. */
    private static final Set<CeremonyPurpose> ENROLLMENT =
            Set.of(CeremonyPurpose.OPEN_ENROLLMENT, CeremonyPurpose.GRANT_ENROLLMENT);
    /** A step-up is a sign-in with an access token: both start and finish here, never an approval. */
    private static final Set<CeremonyPurpose> SIGN_IN = Set.of(CeremonyPurpose.SIGN_IN, CeremonyPurpose.STEP_UP);

    private final RegistrationCeremony registration;
    private final AuthenticationCeremony authentication;
    private final Sessions sessions;
    private final Customers customers;
    private final BankContexts bankContexts;

    ClientApiController(RegistrationCeremony registration, AuthenticationCeremony authentication, Sessions sessions,
            Customers customers, BankContexts bankContexts) {
        this.registration = registration;
        this.authentication = authentication;
        this.sessions = sessions;
        this.customers = customers;
        this.bankContexts = bankContexts;
    }

    /**
     * @param context the bank's signed context (docs/risk.md "The bank's context")
     * @param posture what the app says of its device, unsigned
     */
    record RegistrationOptionsRequest(@Nullable String username, @Nullable String displayName,
            @Nullable String context, @Nullable PostureClaim posture) {
    }

    /**
     * @param acrValues the minimum level this sign-in must reach (OpenID Connect's {@code acr_values},
     *                  one value)
     * @param channel   {@code web} or {@code mobile}; by default an Android app origin is mobile
     * @param context   the bank's signed context (docs/risk.md "The bank's context")
     * @param posture   what the app says of its device, unsigned
     */
    record AuthenticationOptionsRequest(@Nullable String username,
            @JsonProperty("acr_values") @Nullable String acrValues, @Nullable String channel,
            @Nullable String context, @Nullable PostureClaim posture) {
    }

    /** The authentication result and the session's tokens, side by side. */
    record SignedIn(@JsonUnwrapped AuthenticationResult authentication, @JsonUnwrapped TokenResponse tokens) {
    }

    @PostMapping(path = "/registration/options", consumes = MediaType.APPLICATION_JSON_VALUE)
    PublicKeyCredentialCreationOptionsJSON registrationOptions(@PathVariable String tenantId,
            @RequestBody RegistrationOptionsRequest body,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        Optional<String> grant = BearerToken.of(authorization);
        BankContexts.Reported reported = bankContexts.report(tenantId, body.context(), body.posture());
        if (grant.isPresent()) {
            return registration.startWithGrant(tenantId, grant.get(), RegistrationStart.of("", null).withRisk(reported))
                    .options();
        }
        String username = body.username() == null ? "" : body.username();
        return registration.start(tenantId, RegistrationStart.of(username, body.displayName()).withRisk(reported))
                .options();
    }

    @PostMapping(path = "/registration/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    RegistrationResult registrationVerify(@PathVariable String tenantId, @RequestBody RegistrationResponseJSON body,
            HttpServletRequest request) {
        return registration.finish(tenantId, ENROLLMENT, Optional.empty(), body.decode(), ClientContext.of(request));
    }

    @PostMapping(path = "/authentication/options", consumes = MediaType.APPLICATION_JSON_VALUE)
    PublicKeyCredentialRequestOptionsJSON authenticationOptions(@PathVariable String tenantId,
            @RequestBody AuthenticationOptionsRequest body, HttpServletRequest request) {
        String channel = channel(body.channel());
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            AuthenticatedSession caller = sessions.authenticate(tenantId, authorization, request.getHeader("DPoP"),
                    request.getMethod(), request.getRequestURI());
            String username = customers.require(tenantId, caller.session().customerId()).username();
            CeremonyContext stepUp = reported(tenantId, body,
                    new CeremonyContext(null, body.acrValues(), caller.session().id(), channel, null));
            return authentication.start(tenantId, new AuthenticationStart(username, null, stepUp)).options();
        }
        CeremonyContext signIn = reported(tenantId, body, new CeremonyContext(null, body.acrValues(), null, channel, null));
        return authentication.start(tenantId, new AuthenticationStart(body.username(), null, signIn)).options();
    }

    @PostMapping(path = "/authentication/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SignedIn> authenticationVerify(@PathVariable String tenantId,
            @RequestBody AuthenticationResponseJSON body, HttpServletRequest request,
            @RequestHeader(name = "DPoP", required = false) @Nullable String dpop) {
        ClientContext client = ClientContext.of(request);
        // The proof's signature is checked first, but it is spent only once the assertion has passed.
        VerifiedProof proof = dpop == null ? null
                : sessions.checkProof(tenantId, new DPoPProof(dpop, "POST", request.getRequestURI(), null));
        // The credential's use, the session, its refresh token and their audit events: one transaction.
        SignedIn signedIn = authentication.finish(tenantId, SIGN_IN, Optional.empty(), body.decode(), client, result -> {
            if (proof != null) {
                sessions.spendProof(tenantId, proof);
            }
            CeremonyContext context = result.context();
            SignIn signIn = result.toSignIn(tenantId, Channel.of(context.channel(), result.origin()),
                    client.userAgent(), proof == null ? null : proof.jkt());
            UUID stepUp = context.sessionId();
            return new SignedIn(result, stepUp == null ? sessions.signIn(signIn) : sessions.stepUp(stepUp, signIn));
        });
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(signedIn);
    }

    private CeremonyContext reported(String tenantId, AuthenticationOptionsRequest body, CeremonyContext context) {
        BankContexts.Reported reported = bankContexts.report(tenantId, body.context(), body.posture());
        return context.withRisk(reported.bank(), reported.claimed());
    }

    private static @Nullable String channel(@Nullable String declared) {
        try {
            return declared == null ? null : Channel.of(declared, null).wireName();
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, e.getMessage());
        }
    }
}
