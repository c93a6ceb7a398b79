package io.biometriccore.tenancy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a tenant's sessions and tokens behave.
 *
 * @param accessTokenLifetime     lifetime of an access token (1 minute to 1 hour)
 * @param sessionIdleTimeout      a session ends when its refresh token is not used for this long
 * @param sessionAbsoluteLifetime a session ends this long after sign-in, whatever happens
 * @param enrollmentGrantLifetime how long an enrollment grant can be redeemed (1 to 60 minutes)
 * @param sensitiveActionMaxAge   revoking a device or adding one from a session needs an
 *                                authentication at most this old
 * @param sensitiveActionAcr      and at least this level
 * @param assuranceLevels         the levels, weakest first; the session's {@code acr} is the strongest
 *                                level its authentication reached
 */
public record SessionPolicy(Duration accessTokenLifetime, Duration sessionIdleTimeout,
        Duration sessionAbsoluteLifetime, Duration enrollmentGrantLifetime, Duration sensitiveActionMaxAge,
        String sensitiveActionAcr, List<AssuranceLevel> assuranceLevels) {

    public static final Duration MAX_ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

    public SessionPolicy {
        Objects.requireNonNull(sensitiveActionAcr, "sensitiveActionAcr");
        assuranceLevels = List.copyOf(Objects.requireNonNull(assuranceLevels, "assuranceLevels"));
        within(accessTokenLifetime, "accessTokenLifetime", Duration.ofMinutes(1), MAX_ACCESS_TOKEN_LIFETIME);
        within(sessionIdleTimeout, "sessionIdleTimeout", Duration.ofMinutes(1), Duration.ofDays(90));
        within(sessionAbsoluteLifetime, "sessionAbsoluteLifetime", sessionIdleTimeout, Duration.ofDays(400));
        within(enrollmentGrantLifetime, "enrollmentGrantLifetime", Duration.ofMinutes(1), Duration.ofHours(1));
        within(sensitiveActionMaxAge, "sensitiveActionMaxAge", Duration.ofSeconds(30), Duration.ofDays(1));
        Set<String> names = new HashSet<>();
        if (assuranceLevels.isEmpty() || !assuranceLevels.stream().allMatch(l -> names.add(l.name()))) {
            throw new IllegalArgumentException("assuranceLevels must be non-empty with distinct names");
        }
        if (!names.contains(sensitiveActionAcr)) {
            throw new IllegalArgumentException("sensitiveActionAcr must name one of the assuranceLevels");
        }
    }

    /** aal1 (presence), aal2 (any UV passkey), aal3 (UV, device-bound, hardware attestation); 5 min tokens. */
    public static SessionPolicy defaults() {
        return new SessionPolicy(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(12),
                Duration.ofMinutes(15), Duration.ofMinutes(5), "aal2", List.of(
                        new AssuranceLevel("aal1", false, false, false),
                        new AssuranceLevel("aal2", true, false, false),
                        new AssuranceLevel("aal3", true, true, true)));
    }

    /** Fills the members a partial JSON document left out with {@link #defaults()}. */
    public static SessionPolicy withDefaults(@Nullable Duration accessTokenLifetime,
            @Nullable Duration sessionIdleTimeout, @Nullable Duration sessionAbsoluteLifetime,
            @Nullable Duration enrollmentGrantLifetime, @Nullable Duration sensitiveActionMaxAge,
            @Nullable String sensitiveActionAcr, @Nullable List<AssuranceLevel> assuranceLevels) {
        SessionPolicy d = defaults();
        return new SessionPolicy(
                accessTokenLifetime != null ? accessTokenLifetime : d.accessTokenLifetime(),
                sessionIdleTimeout != null ? sessionIdleTimeout : d.sessionIdleTimeout(),
                sessionAbsoluteLifetime != null ? sessionAbsoluteLifetime : d.sessionAbsoluteLifetime(),
                enrollmentGrantLifetime != null ? enrollmentGrantLifetime : d.enrollmentGrantLifetime(),
                sensitiveActionMaxAge != null ? sensitiveActionMaxAge : d.sensitiveActionMaxAge(),
                sensitiveActionAcr != null ? sensitiveActionAcr : d.sensitiveActionAcr(),
                assuranceLevels != null ? assuranceLevels : d.assuranceLevels());
    }

    /**
     * The strongest level an authentication with these properties reaches, if any. A credential that is not
     * device-bound (BE=1, or keys in software by its model's metadata, ADR 0042) reaches no level from {@value PolicyRules#NEVER_SYNCED} up, whatever the level requires (NIST SP
     * 800-63B-4: a synced passkey is AAL2 at most), nor one above {@code syncedMaxLevel} when the tenant
     * defines that level.
     */
    public Optional<String> levelReached(boolean userVerified, boolean notDeviceBound, boolean trustedAttestation,
            String syncedMaxLevel) {
        int ceiling = notDeviceBound ? syncedCeiling(syncedMaxLevel) : assuranceLevels.size() - 1;
        for (int i = Math.min(ceiling, assuranceLevels.size() - 1); i >= 0; i--) {
            if (assuranceLevels.get(i).satisfiedBy(userVerified, notDeviceBound, trustedAttestation)) {
                return Optional.of(assuranceLevels.get(i).name());
            }
        }
        return Optional.empty();
    }

    private int syncedCeiling(String syncedMaxLevel) {
        int never = rank(PolicyRules.NEVER_SYNCED);
        int ceiling = never >= 0 ? never - 1 : assuranceLevels.size() - 1;
        int lowered = rank(syncedMaxLevel);
        return lowered >= 0 ? Math.min(ceiling, lowered) : ceiling;
    }

    /** Whether {@code acr} is {@code required} or a stronger level. Unknown names never satisfy. */
    public boolean atLeast(@Nullable String acr, String required) {
        int have = rank(acr);
        int need = rank(required);
        return have >= 0 && need >= 0 && have >= need;
    }

    /** Whether the tenant defines this level. */
    public boolean defines(String acr) {
        return rank(acr) >= 0;
    }

    private int rank(@Nullable String acr) {
        for (int i = 0; i < assuranceLevels.size(); i++) {
            if (assuranceLevels.get(i).name().equals(acr)) {
                return i;
            }
        }
        return -1;
    }

    private static void within(Duration value, String member, Duration min, Duration max) {
        Objects.requireNonNull(value, member);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(member + " must be between " + min + " and " + max);
        }
    }
}
