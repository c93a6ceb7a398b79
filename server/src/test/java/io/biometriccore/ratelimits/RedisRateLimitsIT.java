package io.biometriccore.ratelimits;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static io.biometriccore.testsupport.ProblemAssert.assertProblemWithRetryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The rate limits with {@code biometric.rate-limits.store=redis}, against the Redis at 127.0.0.1:6379. */
class RedisRateLimitsIT extends PostgresIntegrationTest {

    /** Unique per run, so that parallel runs on the same Redis do not share buckets. */
    private static final String PREFIX = "it-rate-" + UUID.randomUUID() + ":";

    @DynamicPropertySource
    static void redisStore(DynamicPropertyRegistry properties) {
        properties.add("biometric.rate-limits.store", () -> "redis");
        properties.add("biometric.rate-limits.redis.key-prefix", () -> PREFIX);
        properties.add("spring.data.redis.host", () -> "127.0.0.1");
        properties.add("spring.data.redis.port", () -> "6379");
    }

    @Autowired
    StringRedisTemplate redis;

    @Test
    void answers429WithRetryAfterOnceTheAddressHasSpentItsRequests() {
        BankFixture bank = bank(Map.of("addressRequests", Map.of("requests", 2, "period", "PT1H")));

        assertThat(usernamelessOptions(bank).status()).isEqualTo(200);
        assertThat(usernamelessOptions(bank).status()).isEqualTo(200);
        Response refused = usernamelessOptions(bank);

        assertThat(assertProblemWithRetryAfter(refused, 429, "rate_limited")).isBetween(1L, 3600L);
    }

    @Test
    void failuresAreCountedInRedisAndRefuseTheAddress() {
        BankFixture bank = bank(Map.of("addressFailures", Map.of("requests", 1, "period", "PT1H")));
        SoftwareAuthenticator stranger = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String challenge = usernamelessOptions(bank).json().path("challenge").asString();
        String assertion = stranger.authenticate(
                AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID));
        assertProblem(api.post(bank.path("/authentication/verify"), assertion), 400, "credential_unknown");

        assertProblem(usernamelessOptions(bank), 429, "rate_limited");
    }

    @Test
    void aUsernameSpentInRedisAnswersItsFailures429AndItsOwnerStillSignsIn() {
        BankFixture bank = bank(Map.of("usernameFailures", Map.of("requests", 1, "period", "PT15M")));
        SoftwareAuthenticator alice = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", alice);
        UnaryOperator<AuthenticationInput> corrupt = in -> in.withCorruptSignature(true);

        assertProblem(bank.signIn(alice, "alice", Map.of(), TenantFixture.ORIGIN, corrupt), 400, "signature_invalid");
        assertProblem(bank.signIn(alice, "alice", Map.of(), TenantFixture.ORIGIN, corrupt), 429, "rate_limited");

        assertThat(bank.signIn(alice, "alice").status()).isEqualTo(200);
    }

    @Test
    void bucketsAreRedisKeysUnderThePrefixThatExpire() {
        BankFixture bank = bank(Map.of());

        assertThat(usernamelessOptions(bank).status()).isEqualTo(200);

        Set<String> keys = redis.keys(PREFIX + "*" + bank.tenantId() + "*");
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(redis.getExpire(key)).isPositive());
    }

    private Response usernamelessOptions(BankFixture bank) {
        return api.post(bank.path("/authentication/options"), Map.of());
    }

    private BankFixture bank(Map<String, Object> rateLimits) {
        String tenantId = "rl-redis-" + UUID.randomUUID().toString().substring(0, 8);
        BankFixture bank = BankFixture.create(api, tenantId, Map.of(), Map.of());
        Map<String, Object> definition = new LinkedHashMap<>(Map.of("rpId", TenantFixture.RP_ID,
                "rpName", "Example Bank", "allowedOrigins", List.of(TenantFixture.ORIGIN),
                "policy", Map.of("allowNoneAttestation", true, "residentKey", "required")));
        definition.put("rateLimits", rateLimits);
        api.putTenant(tenantId, definition);
        return bank;
    }
}
