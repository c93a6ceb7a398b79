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
 * challenge_store_full}, writes no audit row, and loses nothing already pending.
 */
@TestPropertySource(properties = {"biometric.challenges.store=jdbc", "biometric.challenges.max-pending=" + BoundedStateIT.CAP})
class BoundedStateIT extends PostgresIntegrationTest {

    static final int CAP = 1000;
    private static final int FLOOD = 5000;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFloodOfAnonymousOptionsStoresAtMostTheCapAndWritesNoAuditRows() throws Exception {
        BankFixture bank = BankFixture.create(api, "bounded-bank-" + System.nanoTime(), Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("known", phone);
        String pendingChallenge = api.post(bank.path("/authentication/options"), Map.of("username", "known"))
                .json().path("challenge").asString();
        int issuedBefore = 2;
        long auditBefore = auditRows(bank.tenantId());

        List<Response> responses = AnonymousFlood.signInOptions(port, bank.tenantId(), "known", FLOOD);

        List<Response> refused = responses.stream().filter(r -> r.status() != 200).toList();
        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(CAP - issuedBefore);
        assertThat(refused).hasSize(FLOOD - (CAP - issuedBefore)).allSatisfy(r -> {
            assertProblem(r, 503, "challenge_store_full");
            assertThat(r.raw().headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 12 * 60L));
        });
        assertThat(challengesStored(bank.tenantId())).isEqualTo(CAP - issuedBefore + 1);
        assertThat(auditRows(bank.tenantId())).as("anonymous options write no audit rows").isEqualTo(auditBefore);
        BankFixture.require(api.post(bank.path("/authentication/verify"), phone.authenticate(
                AuthenticationInput.of(pendingChallenge, TenantFixture.ORIGIN, TenantFixture.RP_ID))), 200);
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
