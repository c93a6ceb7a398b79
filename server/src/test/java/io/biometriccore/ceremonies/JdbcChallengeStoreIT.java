package io.biometriccore.ceremonies;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testkit.SoftwareAuthenticator.Attestation.NONE;
import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testsupport.TenantFixture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The PostgreSQL challenge store for several nodes: ceremonies work, and a challenge is taken once. */
// The seven losers' failures would rightly reach the velocity signal's customer limit before the winner's
// risk step; this test proves the store's single take, so only the credential-status rule runs.
@TestPropertySource(properties = {"biometric.challenges.store=jdbc", "biometric.risk.signals=none"})
class JdbcChallengeStoreIT extends PostgresIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentResultsForOneChallengeSucceedOnlyOnce() throws Exception {
        TenantFixture bank = TenantFixture.create(api, "cluster-bank", Map.of());
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, NONE);
        authenticator.autoIncrement(false);
        bank.enrolled(authenticator, "racer");
        assertThat(jdbc.sql("SELECT count(*) FROM ceremony_challenge").query(Long.class).single()).isZero();

        String challenge = bank.authenticationOptions("racer").path("challenge").asString();
        assertThat(jdbc.sql("SELECT count(*) FROM ceremony_challenge").query(Long.class).single()).isOne();
        String assertion = authenticator.authenticate(
                AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID));
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Callable<Response>> calls = IntStream.range(0, racers).<Callable<Response>>mapToObj(i -> () -> {
                start.await();
                return bank.verifyAssertion(assertion);
            }).toList();
            List<Response> responses = pool.invokeAll(calls).stream().map(ApiClient::join).toList();
            assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() != 200)
                    .allSatisfy(r -> assertCode(r, "challenge_mismatch"));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM ceremony_challenge").query(Long.class).single()).isZero();
    }

    @Test
    void aCeremonyStoredByAnOlderVersionIsRefusedAsSpentNotWithAServerError() {
        TenantFixture bank = TenantFixture.create(api, "upgrade-bank", Map.of());
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, NONE);
        bank.enrolled(authenticator, "upgrader");
        String challenge = bank.authenticationOptions("upgrader").path("challenge").asString();
        jdbc.sql("UPDATE ceremony_challenge SET payload = regexp_replace(payload, '\"purpose\":\"[A-Z_]+\",', '')")
                .update();

        Response answer = bank.verifyAssertion(authenticator.authenticate(
                AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)));

        assertThat(answer.status()).isEqualTo(400);
        assertCode(answer, "challenge_mismatch");
        assertThat(jdbc.sql("SELECT count(*) FROM ceremony_challenge").query(Long.class).single()).isZero();
    }
}
