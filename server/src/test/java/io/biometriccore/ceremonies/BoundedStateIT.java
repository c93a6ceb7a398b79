package io.biometriccore.ceremonies;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.internal.FailureAggregator;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecureRandoms;
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
import java.util.stream.Collectors;
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
 * sign-in completed during the flood makes room for exactly one more. A flood of garbage results
 * writes a row per reason, not per request (ADR 0025).
 */
@TestPropertySource(properties = {"biometric.challenges.store=jdbc", "biometric.challenges.max-pending=" + BoundedStateIT.CAP,
        "biometric.audit.failure-window=PT1H"})
class BoundedStateIT extends PostgresIntegrationTest {

    static final int CAP = 1000;
    private static final int FLOOD = 5000;
    /** The default challenge timeout, and the default purge interval a row may wait past it. */
    private static final Duration TIMEOUT_AND_PURGE_INTERVAL = Duration.ofMinutes(5).plusMinutes(1);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FailureAggregator aggregator;

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

    /**
     * 5,000 garbage results from one address under the default rate limits: the address's failures are
     * spent after the first ones, and the rest are refused before they run. However many there are, the
     * audit log gains one aggregated row for the failures and one for the refusals, whose counts add up
     * to every request, and nothing is stored.
     */
    @Test
    void aFloodOfGarbageResultsWritesOneAggregatedAuditRowPerReason() throws Exception {
        BankFixture bank = BankFixture.create(api, "bounded-results-" + System.nanoTime(), Map.of(), Map.of());
        String garbage = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE).authenticate(
                AuthenticationInput.of(Base64Url.encode(SecureRandoms.bytes(32)), TenantFixture.ORIGIN, TenantFixture.RP_ID));
        aggregator.flush();
        long auditBefore = auditRows(bank.tenantId());
        long lastIdBefore = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();

        List<Response> responses = AnonymousFlood.signInResults(port, bank.tenantId(), garbage, FLOOD);
        aggregator.flush();

        Map<String, Long> answers = responses.stream()
                .collect(Collectors.groupingBy(r -> r.status() + " " + r.code(), Collectors.counting()));
        assertThat(answers.keySet()).containsExactlyInAnyOrder("400 challenge_mismatch", "429 rate_limited");
        assertThat(answers.get("400 challenge_mismatch")).as("the default failures of one address, and the refill")
                .isBetween(100L, (long) FLOOD / 2);
        assertThat(jdbc.sql("""
                SELECT event_type, reason, occurrences FROM audit_event WHERE tenant_id = :t AND id > :before""")
                .param("t", bank.tenantId()).param("before", lastIdBefore)
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3)).list())
                .containsExactlyInAnyOrder(
                        "authentication.failed challenge_mismatch " + answers.get("400 challenge_mismatch"),
                        "rate_limit.exceeded address_failures " + answers.get("429 rate_limited"));
        assertThat(auditRows(bank.tenantId())).isEqualTo(auditBefore + 2);
        assertThat(challengesStored(bank.tenantId())).isZero();
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
