package io.biometriccore.ceremonies.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The PostgreSQL challenge store: it keeps what the options request reported for the risk engine. Its purge: a challenge past its expiry is refused as expired while it
 * is still stored, the scheduled purge deletes it, and a live challenge survives the purge and works.
 */
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = {"biometric.challenges.store=jdbc", "biometric.challenges.purge-interval=PT24H"})
class JdbcChallengePurgeIT extends PostgresIntegrationTest {

    @Autowired
    private ChallengeStoreConfiguration.ExpiredChallengePurge purge;

    @Autowired
    private MutableClock clock;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ChallengeStore store;

    @Test
    void aSignInIsTakenWithTheBanksContextAndThePostureClaim() {
        TenantFixture.create(api, "jdbc-store-bank", Map.of());
        PendingCeremony o = StoredCeremoniesTests.withRiskReport();
        PendingCeremony signIn = new PendingCeremony("h" + System.nanoTime(), "jdbc-store-bank", o.type(), o.purpose(),
                "c" + System.nanoTime(), null, null, null, null, true, List.of(), List.of(),
                clock.instant().plus(Duration.ofMinutes(2)), o.context());
        store.save(signIn);

        assertThat(store.takeByChallenge("jdbc-store-bank", CeremonyType.AUTHENTICATION, signIn.challenge()))
                .hasValue(signIn);
    }

    @Test
    void expiredChallengesArePurgedAndLiveOnesKept() {
        BankFixture bank = BankFixture.create(api, "purge-challenge-bank", Map.of("challengeTimeout", "PT2M"), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        String refusedWhileStored = challenge(bank, username);
        String purged = challenge(bank, username);
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        String live = challenge(bank, username);
        assertThat(stored(bank)).isEqualTo(3);

        assertProblem(verify(bank, phone, refusedWhileStored), 400, "challenge_expired");
        assertThat(stored(bank)).isEqualTo(2);

        purge.purge();

        assertThat(stored(bank)).as("only the live challenge").isOne();
        assertProblem(verify(bank, phone, purged), 400, "challenge_mismatch");
        assertThat(verify(bank, phone, live).status()).isEqualTo(200);
        assertThat(stored(bank)).isZero();
    }

    private String challenge(BankFixture bank, String username) {
        Response options = api.post(bank.path("/authentication/options"), Map.of("username", username));
        BankFixture.require(options, 200);
        return options.json().path("challenge").asString();
    }

    private Response verify(BankFixture bank, SoftwareAuthenticator phone, String challenge) {
        return api.post(bank.path("/authentication/verify"),
                phone.authenticate(AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)));
    }

    private long stored(BankFixture bank) {
        return jdbc.sql("SELECT count(*) FROM ceremony_challenge WHERE tenant_id = :t").param("t", bank.tenantId())
                .query(Long.class).single();
    }
}
