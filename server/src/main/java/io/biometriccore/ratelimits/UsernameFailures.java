package io.biometriccore.ratelimits;

import io.biometriccore.ratelimits.internal.LimitKind;
import io.biometriccore.ratelimits.internal.RateLimiter;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.tenancy.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.stereotype.Service;

/**
 * Failed username-first sign-ins, counted per username as it was asked for, whether or not a customer
 * has it: a limit reached for a name nobody has looks the same as for a customer's, so it reveals
 * nobody. Only failures count; a successful sign-in never consumes. Buckets are keyed by a hash of the
 * name, so that no store holds usernames.
 */
@Service
public class UsernameFailures {

    private final RateLimiter limiter;

    UsernameFailures(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** @throws ApiException {@code rate_limited} with {@code Retry-After} once the username's failures are spent */
    public void requireBelowLimit(Tenant tenant, String username) {
        limiter.requireAvailable(LimitKind.USERNAME_FAILURES, tenant.id(), tenant.rateLimits().usernameFailures(),
                subject(username));
    }

    /** A sign-in ceremony started for {@code username} failed. */
    public void count(Tenant tenant, String username) {
        limiter.spend(LimitKind.USERNAME_FAILURES, tenant.id(), tenant.rateLimits().usernameFailures(),
                subject(username));
    }

    private static String subject(String username) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
