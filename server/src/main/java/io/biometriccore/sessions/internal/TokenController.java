package io.biometriccore.sessions.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.PublishedKey;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.sessions.DPoPProof;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.sessions.TokenResponse;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.ClientApi;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The token endpoint (refresh-token grant) and the tenant's JWKS. */
@ClientApi
@RestController
class TokenController {

    private final Sessions sessions;
    private final SigningKeys signingKeys;
    private final Tenants tenants;

    TokenController(Sessions sessions, SigningKeys signingKeys, Tenants tenants) {
        this.sessions = sessions;
        this.signingKeys = signingKeys;
        this.tenants = tenants;
    }

    /**
     * RFC 6749 §6, with rotation: every use returns a new refresh token and retires the old one. A
     * DPoP-bound session's refresh token needs a {@code DPoP} proof by its key.
     */
    @PostMapping(path = "/v1/tenants/{tenantId}/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> token(@PathVariable String tenantId,
            @RequestParam(name = "grant_type", required = false) @Nullable String grantType,
            @RequestParam(name = "refresh_token", required = false) @Nullable String refreshToken,
            @RequestHeader(name = "DPoP", required = false) @Nullable String dpop, HttpServletRequest request) {
        if (!"refresh_token".equals(grantType)) {
            throw new ApiException(SessionProblem.UNSUPPORTED_GRANT_TYPE);
        }
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "refresh_token is required");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(sessions.refresh(tenantId, refreshToken,
                        dpop == null ? null : new DPoPProof(dpop, "POST", request.getRequestURI(), null)));
    }

    /** The keys that verify the tenant's access tokens now, retired ones included until their grace ends. */
    @GetMapping(path = "/v1/tenants/{tenantId}/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks(@PathVariable String tenantId) {
        tenants.require(tenantId);
        signingKeys.active(tenantId, KeyPurpose.TOKEN);
        JWKSet set = new JWKSet(signingKeys.published(tenantId, KeyPurpose.TOKEN).stream()
                .<JWK>map(PublishedKey::publicJwk).toList());
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
                .body(set.toJSONObject(true));
    }
}
