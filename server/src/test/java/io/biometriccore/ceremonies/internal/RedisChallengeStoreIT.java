package io.biometriccore.ceremonies.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code biometric.challenges.store=redis}, against the real Redis at 127.0.0.1:6379. */
@Import(MutableClockConfiguration.class)
class RedisChallengeStoreIT extends PostgresIntegrationTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("biometric.challenges.store", () -> "redis");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> "6379");
    }

    @Autowired
    ChallengeStore store;

    @Autowired
    CeremonyChallenges challenges;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MutableClock clock;

    @Test
    void theConfiguredStoreIsRedis() {
        assertThat(store).isInstanceOf(RedisChallengeStore.class);
    }

    @Test
    void aCeremonyIsTakenOnceByItsChallenge() {
        PendingCeremony ceremony = pending("bank-a", CeremonyType.AUTHENTICATION);
        store.save(ceremony);

        assertThat(store.takeByChallenge("bank-a", CeremonyType.AUTHENTICATION, ceremony.challenge()))
                .hasValueSatisfying(taken -> assertThat(taken.handle()).isEqualTo(ceremony.handle()));
        assertThat(store.takeByChallenge("bank-a", CeremonyType.AUTHENTICATION, ceremony.challenge())).isEmpty();
        assertThat(store.takeByHandle("bank-a", CeremonyType.AUTHENTICATION, ceremony.handle())).isEmpty();
    }

    @Test
    void aTransactionApprovalIsTakenWithItsTransactionAndNonce() {
        UUID transactionId = UUID.randomUUID();
        PendingCeremony approval = new PendingCeremony(challenges.newHandle(), "bank-a", CeremonyType.AUTHENTICATION,
                CeremonyPurpose.TRANSACTION_APPROVAL, challenges.newChallenge(), "dXNlcg", UUID.randomUUID(), "alice",
                null, true, List.of(), List.of(), challenges.expiry(Duration.ofMinutes(2)),
                CeremonyContext.transactionApproval(transactionId, "bm9uY2U", "web"));
        store.save(approval);

        assertThat(store.takeByChallenge("bank-a", CeremonyType.AUTHENTICATION, approval.challenge()))
                .hasValue(approval);
    }

    @Test
    void aSignInIsTakenWithTheBanksContextAndThePostureClaim() {
        PendingCeremony o = StoredCeremoniesTests.withRiskReport();
        PendingCeremony signIn = new PendingCeremony(challenges.newHandle(), "bank-a", o.type(), o.purpose(),
                challenges.newChallenge(), null, null, null, null, true, List.of(), List.of(),
                challenges.expiry(Duration.ofMinutes(2)), o.context());
        store.save(signIn);

        assertThat(store.takeByChallenge("bank-a", CeremonyType.AUTHENTICATION, signIn.challenge())).hasValue(signIn);
    }

    @Test
    void takingByHandleBurnsTheChallengeToo() {
        PendingCeremony ceremony = pending("bank-a", CeremonyType.REGISTRATION);
        store.save(ceremony);

        assertThat(store.takeByHandle("bank-a", CeremonyType.REGISTRATION, ceremony.handle())).isPresent();
        assertThat(store.takeByChallenge("bank-a", CeremonyType.REGISTRATION, ceremony.challenge())).isEmpty();
        assertThat(redis.keys("biometric:challenge:*" + ceremony.challenge())).isEmpty();
    }

    @Test
    void aChallengeIsBoundToItsTenantAndCeremonyType() {
        PendingCeremony ceremony = pending("bank-a", CeremonyType.AUTHENTICATION);
        store.save(ceremony);

        assertThat(store.takeByChallenge("bank-b", CeremonyType.AUTHENTICATION, ceremony.challenge())).isEmpty();
        assertThat(store.takeByChallenge("bank-a", CeremonyType.REGISTRATION, ceremony.challenge())).isEmpty();
        assertThat(store.takeByChallenge("bank-a", CeremonyType.AUTHENTICATION, ceremony.challenge())).isPresent();
    }

    @Test
    void ofConcurrentTakesExactlyOneGetsTheCeremony() throws Exception {
        PendingCeremony ceremony = pending("bank-a", CeremonyType.AUTHENTICATION);
        store.save(ceremony);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            List<Future<Optional<PendingCeremony>>> takes = java.util.stream.IntStream.range(0, 16)
                    .mapToObj(i -> threads.submit(() -> {
                        start.await();
                        return i % 2 == 0
                                ? store.takeByChallenge("bank-a", CeremonyType.AUTHENTICATION, ceremony.challenge())
                                : store.takeByHandle("bank-a", CeremonyType.AUTHENTICATION, ceremony.handle());
                    })).toList();
            start.countDown();
            long winners = 0;
            for (Future<Optional<PendingCeremony>> take : takes) {
                winners += take.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    @Test
    void savingAndTakingCeremoniesOpensNoConnectionsOfTheirOwn() {
        long before = connectionsReceived();
        for (int i = 0; i < 20; i++) {
            PendingCeremony ceremony = pending("bank-a", CeremonyType.AUTHENTICATION);
            store.save(ceremony);
            assertThat(store.takeByChallenge("bank-a", CeremonyType.AUTHENTICATION, ceremony.challenge())).isPresent();
        }
        assertThat(connectionsReceived()).isEqualTo(before);
    }

    @Test
    void atItsCapTheStoreRefusesASaveAndWritesNothingToRedis() {
        RedisChallengeStore capped = new RedisChallengeStore(redis, new PendingQuota(2, clock), clock);
        String tenant = "redis-cap-" + System.nanoTime();
        PendingCeremony first = pending(tenant, CeremonyType.AUTHENTICATION);
        PendingCeremony refused = pending(tenant, CeremonyType.AUTHENTICATION);

        assertThat(capped.save(first)).isEmpty();
        assertThat(capped.save(pending(tenant, CeremonyType.AUTHENTICATION))).isEmpty();
        assertThat(capped.save(refused)).as("until the first key expires in Redis").hasValue(new ChallengeStore.Full(
                Duration.between(clock.instant(), first.expiresAt()).plus(RedisChallengeStore.GRACE)));

        assertThat(redis.keys("biometric:challenge:" + tenant + ":*")).hasSize(2);
        assertThat(capped.takeByChallenge(tenant, CeremonyType.AUTHENTICATION, refused.challenge())).isEmpty();
        assertThat(capped.takeByChallenge(tenant, CeremonyType.AUTHENTICATION, first.challenge())).isPresent();
        assertThat(capped.save(refused)).as("a take on this node frees its place").isEmpty();
        assertThat(capped.save(pending(tenant, CeremonyType.AUTHENTICATION))).isPresent();
        assertThat(capped.takeByHandle(tenant, CeremonyType.AUTHENTICATION, refused.handle())).isPresent();
        assertThat(capped.save(pending(tenant, CeremonyType.AUTHENTICATION))).as("so does a take by handle").isEmpty();
    }

    private long connectionsReceived() {
        Properties stats = redis.execute((RedisCallback<Properties>) c -> c.serverCommands().info("stats"));
        return Long.parseLong(Objects.requireNonNull(stats).getProperty("total_connections_received"));
    }

    @Test
    void keysExpireInRedisAGracePeriodAfterTheCeremony() {
        PendingCeremony ceremony = pending("bank-a", CeremonyType.AUTHENTICATION);
        store.save(ceremony);

        for (String key : redis.keys("biometric:challenge:*")) {
            if (key.endsWith(ceremony.handle()) || key.endsWith(ceremony.challenge())) {
                assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS))
                        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2).plus(RedisChallengeStore.GRACE).toMillis());
            }
        }
    }

    @Test
    void aLateAnswerIsToldTheChallengeExpired() {
        BankFixture bank = BankFixture.create(api, "redis-late", Map.of(), Map.of());
        String assertion = assertionForAStartedSignIn(bank);
        clock.advance(Duration.ofMinutes(10));

        Response late = api.post(bank.path("/authentication/verify"), assertion);

        assertThat(late.status()).isEqualTo(400);
        assertCode(late, "challenge_expired");
    }

    @Test
    void aSignInWorksEndToEndAndItsAssertionCannotBeReplayed() {
        BankFixture bank = BankFixture.create(api, "redis-bank", Map.of(), Map.of());
        String assertion = assertionForAStartedSignIn(bank);

        Response first = api.post(bank.path("/authentication/verify"), assertion);
        Response replay = api.post(bank.path("/authentication/verify"), assertion);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(400);
        assertCode(replay, "challenge_mismatch");
    }

    @Test
    void aCeremonyStoredByAnOlderVersionIsRefusedAsSpentNotWithAServerError() {
        BankFixture bank = BankFixture.create(api, "redis-upgrade", Map.of(), Map.of());
        String assertion = assertionForAStartedSignIn(bank);
        String key = redis.keys("biometric:challenge:redis-upgrade:AUTHENTICATION:*").iterator().next();
        String older = redis.opsForValue().get(key).replaceFirst("\"purpose\":\"[A-Z_]+\",", "");
        redis.opsForValue().set(key, older, Duration.ofMinutes(2));

        Response answer = api.post(bank.path("/authentication/verify"), assertion);

        assertThat(answer.status()).isEqualTo(400);
        assertCode(answer, "challenge_mismatch");
        assertThat(redis.hasKey(key)).isFalse();
    }

    /** A new customer's passkey answers the challenge of a username-first sign-in it started. */
    private String assertionForAStartedSignIn(BankFixture bank) {
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "redis" + System.nanoTime();
        bank.enrolled(username, phone);
        String challenge = api.post(bank.path("/authentication/options"), Map.of("username", username)).json()
                .path("challenge").asString();
        return phone.authenticate(AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID));
    }

    private PendingCeremony pending(String tenantId, CeremonyType type) {
        CeremonyPurpose purpose = type == CeremonyType.REGISTRATION
                ? CeremonyPurpose.OPEN_ENROLLMENT : CeremonyPurpose.SIGN_IN;
        return new PendingCeremony(challenges.newHandle(), tenantId, type, purpose, challenges.newChallenge(), null,
                null, null,
                null, true, List.of(-7L), List.of(), challenges.expiry(Duration.ofMinutes(2)), CeremonyContext.NONE);
    }
}
