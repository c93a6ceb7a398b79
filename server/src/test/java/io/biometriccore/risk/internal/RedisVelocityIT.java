package io.biometriccore.risk.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.ratelimits.Velocity;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.Node;
import io.biometriccore.testsupport.PostgresSchema;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The velocity counters with {@code biometric.rate-limits.store=redis}: two nodes sharing the Redis at
 * 127.0.0.1:6379 see one count, stored under hashed subjects in keys that expire; failed sign-ins on
 * one node make the velocity signal step up, then deny, a sign-in on the other.
 */
class RedisVelocityIT {

    /** Unique per run, so that parallel runs on the same Redis do not share counts. */
    private static final String PREFIX = "it-velocity-" + UUID.randomUUID() + ":";
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private static Node nodeA;
    private static Node nodeB;

    @BeforeAll
    static void twoNodes() throws Exception {
        String url = PostgresSchema.create(RedisVelocityIT.class);
        String keys = Files.createTempDirectory("velocity-keys").toString();
        String[] redis = {"--biometric.rate-limits.store=redis", "--biometric.rate-limits.redis.key-prefix=" + PREFIX,
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379"};
        nodeA = Node.start(url, keys, redis);
        nodeB = Node.start(url, keys, redis);
    }

    @AfterAll
    static void stop() {
        nodeA.context().close();
        nodeB.context().close();
    }

    @Test
    void whatOneNodeCountsTheOtherSees() {
        Velocity a = nodeA.context().getBean(Velocity.class);
        Velocity b = nodeB.context().getBean(Velocity.class);

        a.add("customer_failures", "shared-bank", "customer-1", WINDOW);
        b.add("customer_failures", "shared-bank", "customer-1", WINDOW);

        assertThat(a.count("customer_failures", "shared-bank", "customer-1", WINDOW)).isEqualTo(2);
        assertThat(b.add("customer_failures", "shared-bank", "customer-1", WINDOW)).isEqualTo(3);
        assertThat(b.count("customer_failures", "shared-bank", "customer-2", WINDOW)).isZero();
    }

    @Test
    void failuresOnOneNodeStepUpAndThenDenyASignInOnTheOther() {
        VelocityIT.Scenario scenario = VelocityIT.Scenario.on(nodeA.api(), nodeB.api(),
                "velocity-redis-" + VelocityIT.suffix(), VelocityIT.CUSTOMER_FAILURES);

        scenario.fail(2);
        Response steppedUp = scenario.signIn();
        BankFixture.require(steppedUp, 200);
        assertThat(steppedUp.json().path("stepUpAcr").asString()).isEqualTo("aal2");

        scenario.fail(2);
        assertProblem(scenario.signIn(), 403, "risk_denied");
        assertThat(RecordedDecisions.reasons(nodeA.api(), scenario.tenantId(), "deny")).contains("customer_failures");
    }

    @Test
    void countersAreKeysUnderThePrefixWithTheSubjectHashedThatExpire() {
        nodeA.context().getBean(Velocity.class).add("ip_attempts", "hashed-bank", "203.0.113.77", WINDOW);

        StringRedisTemplate redis = nodeA.context().getBean(StringRedisTemplate.class);
        Set<String> keys = redis.keys(PREFIX + "velocity:*hashed-bank*");
        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(key).doesNotContain("203.0.113.77").contains("{ip_attempts:hashed-bank:");
            assertThat(redis.getExpire(key)).isBetween(WINDOW.toSeconds(), WINDOW.multipliedBy(2).toSeconds());
        });
    }
}
