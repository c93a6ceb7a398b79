package io.biometriccore.ratelimits;

import io.biometriccore.ratelimits.internal.LimitKind;
import io.biometriccore.ratelimits.internal.RateLimiter;
import io.biometriccore.ratelimits.internal.SubjectHash;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.Tenant;
import org.springframework.stereotype.Service;

/**
 * Failed username-first sign-ins, counted per username as it was asked for, whether or not a customer
 * has it: a limit reached for a name nobody has looks the same as for a customer's, so it reveals
 * nobody. The limit never locks a customer out (ASVS 6.1.1): nothing is checked before a sign-in, and
 * a successful one is neither counted nor refused, whatever the count. Only what a failure answers
 * changes: once the name's failures are spent, a failure is answered {@code rate_limited} instead of
 * its reason, so that whoever hammers one name learns nothing from the answers. Buckets are keyed by a
 * hash of the name, so that no store holds usernames.
 */
@Service
public class UsernameFailures {

    private final RateLimiter limiter;

    UsernameFailures(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /**
     * A sign-in ceremony started for {@code username} failed with {@code failure}: takes one of the
     * name's failures, deciding on what the taking found, so that concurrent failures cannot all get
     * their reason.
     *
     * @return what to answer: {@code failure} while the name had a failure left (or the store failed);
     *         once they are spent, {@code rate_limited} with {@code Retry-After}, whose cause is
     *         {@code failure}, so that the audit can still record why the attempt failed
     */
    public ApiException failed(Tenant tenant, String username, ApiException failure) {
        return limiter.spendOrRefusal(LimitKind.USERNAME_FAILURES, tenant.id(),
                        tenant.rateLimits().usernameFailures(), SubjectHash.of(username))
                .map(refusal -> (ApiException) refusal.initCause(failure))
                .orElse(failure);
    }
}
