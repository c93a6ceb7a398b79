package io.biometriccore.ceremonies;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.AnonymousFlood;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Anonymous options cannot grow state without bound (ADR 0026): with the production store (PostgreSQL)
 * capped at 1,000, a flood of 5,000 anonymous {@code /authentication/options} (unknown usernames, a
 * known one, usernameless) stores exactly what the cap leaves, refuses the rest with {@code 503
 * challenge_store_full}, writes no audit row, and loses nothing already pending. The node counts what
 * it saved and has not seen taken: the enrolment's ceremony, taken on this node, holds no place, and a
 * sign-in completed during the flood makes room for exactly one more.
 */
@TestPropertySource(properties = {"biometric.challenges.store=jdbc", "biometric.challenges.max-pending=" + BoundedStateIT.CAP})
class BoundedStateIT extends PostgresIntegrationTest {

    static final int CAP = 1000;
    private static final int FLOOD = 5000;
    /** The default challenge timeout, and the default purge interval a row may wait past it. */
    private static final Duration TIMEOUT_AND_PURGE_INTERVAL = Duration.ofMinutes(5).plusMinutes(1);

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFloodOfAnonymousOptionsStoresAtMostTheCapAndWritesNoAuditRows() throws Exception {
        BankFixture bank = BankFixture.create(api, "bounded-bank-" + System.nanoTime(), Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("known", phone);
        String pendingChallenge = api.post(bank.path("/authentication/options"), Map.of("username", "known"))
                .json().path("challenge").asString();
        int pendingBefore = 1;
        long auditBefore = auditRows(bank.tenantId());

        List<Response> responses = AnonymousFlood.signInOptions(port, bank.tenantId(), "known", FLOOD);

        List<Response> refused = responses.stream().filter(r -> r.status() != 200).toList();
        assertThat(responses).filteredOn(r -> r.status() == 200).as("the enrolment's ceremony was taken here")
                .hasSize(CAP - pendingBefore);
        assertThat(refused).hasSize(FLOOD - (CAP - pendingBefore)).allSatisfy(r -> {
            assertProblem(r, 503, "challenge_store_full");
            assertThat(r.raw().headers().firstValue("Retry-After")).as("until the earliest row's expiry and a purge")
                    .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds))
                            .isBetween(1L, TIMEOUT_AND_PURGE_INTERVAL.toSeconds()));
        });
        assertThat(challengesStored(bank.tenantId())).isEqualTo(CAP);
        assertThat(auditRows(bank.tenantId())).as("anonymous options write no audit rows").isEqualTo(auditBefore);
        BankFixture.require(api.post(bank.path("/authentication/verify"), phone.authenticate(
                AuthenticationInput.of(pendingChallenge, TenantFixture.ORIGIN, TenantFixture.RP_ID))), 200);
        BankFixture.require(api.post(bank.path("/authentication/options"), Map.of()), 200);
        assertProblem(api.post(bank.path("/authentication/options"), Map.of()), 503, "challenge_store_full");
        assertThat(challengesStored(bank.tenantId())).isEqualTo(CAP);
    }

    private long challengesStored(String tenantId) {
        return jdbc.sql("SELECT count(*) FROM ceremony_challenge WHERE tenant_id = :t").param("t", tenantId)
                .query(Long.class).single();
    }

    private long auditRows(String tenantId) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :t").param("t", tenantId)
                .query(Long.class).single();
    }
}
