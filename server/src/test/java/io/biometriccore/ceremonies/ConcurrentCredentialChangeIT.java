package io.biometriccore.ceremonies;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * §7.2 step 24 under concurrency: the credential's new state is written only over the state the
 * assertion was verified against. Another use of the credential committed while the sign-in is in
 * flight wins: the sign-in is refused with {@code credential_state_changed} and opens no session.
 */
class ConcurrentCredentialChangeIT extends PostgresIntegrationTest {

    private static final String TENANT = "concurrent-change-bank";

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aUseCommittedWhileTheSignInWaitsOnTheCredentialRefusesTheSignIn() throws Exception {
        BankFixture bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        String challenge = api.post(bank.path("/authentication/options"), Map.of("username", username)).json()
                .path("challenge").asString();
        String assertion = phone.authenticate(AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID));

        Response signIn;
        try (Connection otherUse = dataSource.getConnection()) {
            otherUse.setAutoCommit(false);
            try (PreparedStatement suspend = otherUse.prepareStatement(
                    "UPDATE credential SET sign_count = sign_count + 1000 WHERE tenant_id = ?")) {
                suspend.setString(1, TENANT);
                assertThat(suspend.executeUpdate()).isOne();
            }
            CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(
                    () -> api.post(bank.path("/authentication/verify"), assertion));
            awaitAnUpdateOfTheCredentialWaitingOnItsLock(inFlight);
            otherUse.commit();
            signIn = inFlight.get(60, TimeUnit.SECONDS);
        }

        assertProblem(signIn, 409, "credential_state_changed");
        assertThat(jdbc.sql("SELECT count(*) FROM auth_session WHERE tenant_id = :t").param("t", TENANT)
                .query(Long.class).single()).isZero();
    }

    /**
     * Waits, without a time limit of its own, until the request's UPDATE is queued behind our row lock.
     * On a connection of its own: within a transaction, PostgreSQL answers from one snapshot of the view.
     */
    private void awaitAnUpdateOfTheCredentialWaitingOnItsLock(CompletableFuture<Response> inFlight)
            throws Exception {
        String waiting = """
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                   AND query LIKE 'UPDATE credential SET sign_count%'""";
        while (!inFlight.isDone()) {
            try (Connection observer = dataSource.getConnection(); PreparedStatement check = observer.prepareStatement(waiting);
                    ResultSet rows = check.executeQuery()) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the sign-in finished without waiting on the credential: " + inFlight.get().body());
    }
}
