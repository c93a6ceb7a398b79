package io.biometriccore.tenancy;

import io.biometriccore.shared.ApiException;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A tenant as the admin API and the seed file write it. Policy members left out take the
 * {@linkplain TenantPolicy#defaults() defaults}; {@code openEnrollment} and {@code conformanceProfile}
 * default to {@code false}; so do the session members. Rate-limit members left out take the
 * {@linkplain RateLimits#defaults() defaults}. A member of {@code allowedOrigins} is an origin, or
 * {@code {"origin": ..., "related": true}} for a related origin ({@link AllowedOrigin}).
 */
public record TenantDefinition(@Nullable String rpId, @Nullable String rpName, @Nullable List<AllowedOrigin> allowedOrigins,
        @Nullable Boolean openEnrollment, @Nullable Boolean conformanceProfile, @Nullable Policy policy, @Nullable Sessions sessions,
        @Nullable Retention retention, @Nullable Limits rateLimits, @Nullable Signing signing) {

    /** A definition without signing members: they take the defaults. */
    public TenantDefinition(@Nullable String rpId, @Nullable String rpName, @Nullable List<AllowedOrigin> allowedOrigins,
            @Nullable Boolean openEnrollment, @Nullable Boolean conformanceProfile, @Nullable Policy policy,
            @Nullable Sessions sessions, @Nullable Retention retention, @Nullable Limits rateLimits) {
        this(rpId, rpName, allowedOrigins, openEnrollment, conformanceProfile, policy, sessions, retention, rateLimits,
                null);
    }

    /**
     * The transaction-signing members, each optional: {@code deviceBoundAbove} per currency in minor
     * units, {@code spcMerchantOrigins}, {@code evidenceRetention} as an ISO-8601 period ({@code P10Y}).
     */
    public record Signing(@Nullable Map<String, Long> deviceBoundAbove, @Nullable List<String> spcMerchantOrigins,
            @Nullable Period evidenceRetention) {

        SigningPolicy toPolicy() {
            return SigningPolicy.withDefaults(deviceBoundAbove, spcMerchantOrigins, evidenceRetention);
        }
    }

    /** The policy members, each optional. {@code challengeTimeout} is an ISO-8601 duration such as {@code PT5M}. */
    public record Policy(@Nullable Requirement userVerification, @Nullable Requirement residentKey,
            @Nullable AttestationConveyance attestation, @Nullable Set<String> acceptedAttestationFormats,
            @Nullable Boolean allowNoneAttestation, @Nullable Boolean allowSelfAttestation,
            @Nullable Boolean requireTrustedAttestation, @Nullable List<CoseAlgorithm> allowedAlgorithms,
            @Nullable Duration challengeTimeout, @Nullable Set<String> statusDeny,
            @Nullable FlaggedAuthenticators flaggedAuthenticators) {

        TenantPolicy toPolicy() {
            return TenantPolicy.withDefaults(userVerification, residentKey, attestation, acceptedAttestationFormats,
                    allowNoneAttestation, allowSelfAttestation, requireTrustedAttestation, allowedAlgorithms,
                    challengeTimeout, statusDeny, flaggedAuthenticators);
        }
    }

    /** The session members, each optional; durations are ISO-8601. */
    public record Sessions(@Nullable Duration accessTokenLifetime, @Nullable Duration sessionIdleTimeout,
            @Nullable Duration sessionAbsoluteLifetime, @Nullable Duration enrollmentGrantLifetime,
            @Nullable Duration sensitiveActionMaxAge, @Nullable String sensitiveActionAcr,
            @Nullable List<AssuranceLevel> assuranceLevels) {

        SessionPolicy toPolicy() {
            return SessionPolicy.withDefaults(accessTokenLifetime, sessionIdleTimeout, sessionAbsoluteLifetime,
                    enrollmentGrantLifetime, sensitiveActionMaxAge, sensitiveActionAcr, assuranceLevels);
        }
    }

    /** The retention members, each optional; periods are ISO-8601 ({@code P90D}, {@code P13M}). */
    public record Retention(@Nullable Period networkFields, @Nullable Period personalFields,
            @Nullable Map<String, Period> byEventClass) {

        RetentionPolicy toPolicy() {
            return RetentionPolicy.withDefaults(networkFields, personalFields, byEventClass);
        }
    }

    /** The rate-limit members, each optional; a limit is {@code {requests, period}}, the period ISO-8601. */
    public record Limits(@Nullable Limit addressRequests, @Nullable Limit addressFailures,
            @Nullable Limit usernameFailures, @Nullable Limit tenantRequests, @Nullable List<String> exemptNetworks) {

        RateLimits toLimits() {
            return RateLimits.withDefaults(limit(addressRequests, "addressRequests"),
                    limit(addressFailures, "addressFailures"), limit(usernameFailures, "usernameFailures"),
                    limit(tenantRequests, "tenantRequests"), exemptNetworks);
        }

        private static RateLimits.@Nullable Limit limit(@Nullable Limit limit, String member) {
            try {
                return limit == null ? null : new RateLimits.Limit(require(limit.requests(), "requests"),
                        require(limit.period(), "period"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rateLimits." + member + ": " + e.getMessage());
            }
        }
    }

    /** One limit as written: both members are required. */
    public record Limit(@Nullable Long requests, @Nullable Duration period) {
    }

    /** @throws ApiException {@code tenant_invalid} naming the member at fault */
    public Tenant toTenant(String id) {
        try {
            TenantPolicy p = policy == null ? TenantPolicy.defaults() : policy.toPolicy();
            SessionPolicy s = sessions == null ? SessionPolicy.defaults() : sessions.toPolicy();
            RetentionPolicy r = retention == null ? RetentionPolicy.defaults() : retention.toPolicy();
            RateLimits l = rateLimits == null ? RateLimits.defaults() : rateLimits.toLimits();
            SigningPolicy g = signing == null ? SigningPolicy.defaults() : signing.toPolicy();
            List<AllowedOrigin> origins = require(allowedOrigins, "allowedOrigins");
            return new Tenant(id, require(rpId, "rpId"), require(rpName, "rpName"),
                    origins.stream().map(AllowedOrigin::origin).toList(), Boolean.TRUE.equals(openEnrollment),
                    Boolean.TRUE.equals(conformanceProfile), p, s, r, l,
                    origins.stream().filter(AllowedOrigin::related).map(AllowedOrigin::origin).distinct().toList(), g);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(TenancyProblem.TENANT_INVALID, String.valueOf(e.getMessage()));
        }
    }

    private static <T> T require(@Nullable T value, String member) {
        if (value == null) {
            throw new IllegalArgumentException(member + " is required");
        }
        return value;
    }
}
