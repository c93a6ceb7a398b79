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
 * The same flood as {@link BoundedStateIT} against the default, single-node store (ADR 0026): it holds
 * exactly its cap of pending ceremonies, counting what is pending rather than what was issued, so a
 * ceremony that completes makes room for exactly one more.
 */
@TestPropertySource(properties = {"biometric.challenges.store=memory",
        "biometric.challenges.max-pending=" + InMemoryBoundedStateIT.CAP})
class InMemoryBoundedStateIT extends PostgresIntegrationTest {

    static final int CAP = 1000;
    private static final int FLOOD = 5000;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFloodOfAnonymousOptionsFillsTheStoreToItsCapAndACompletedCeremonyMakesRoomForOneMore() throws Exception {
        BankFixture bank = BankFixture.create(api, "bounded-memory-" + System.nanoTime(), Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("known", phone);
        String pendingChallenge = api.post(bank.path("/authentication/options"), Map.of("username", "known"))
                .json().path("challenge").asString();
        long auditBefore = auditRows(bank.tenantId());

        List<Response> responses = AnonymousFlood.signInOptions(port, bank.tenantId(), "known", FLOOD);

        assertThat(responses).filteredOn(r -> r.status() == 200).as("the enrolment's ceremony was taken")
                .hasSize(CAP - 1);
        assertThat(responses).filteredOn(r -> r.status() != 200).hasSize(FLOOD - CAP + 1)
                .allSatisfy(r -> assertProblem(r, 503, "challenge_store_full"));
        assertThat(auditRows(bank.tenantId())).as("anonymous options write no audit rows").isEqualTo(auditBefore);
        BankFixture.require(api.post(bank.path("/authentication/verify"), phone.authenticate(
                AuthenticationInput.of(pendingChallenge, TenantFixture.ORIGIN, TenantFixture.RP_ID))), 200);
        BankFixture.require(api.post(bank.path("/authentication/options"), Map.of()), 200);
        assertProblem(api.post(bank.path("/authentication/options"), Map.of()), 503, "challenge_store_full");
    }

    private long auditRows(String tenantId) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :t").param("t", tenantId)
                .query(Long.class).single();
    }
}
