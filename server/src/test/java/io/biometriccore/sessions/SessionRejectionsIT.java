package io.biometriccore.sessions;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A session is raised only by its own customer, and the bank revokes only sessions that exist. */
class SessionRejectionsIT extends PostgresIntegrationTest {

    private BankFixture bank;
    private SoftwareAuthenticator alicesPasskey;
    private String alice;

    @BeforeEach
    void aliceEnrolled() {
        bank = BankFixture.create(api, "session-reject-bank", Map.of(), Map.of());
        alicesPasskey = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        alice = "alice" + System.nanoTime();
        bank.enrolled(alice, alicesPasskey);
    }

    /** The step-up ceremony is started for the session's customer, so the stranger's credential is not theirs. */
    @Test
    void aStrangersPasskeyCannotStepUpTheSession() {
        SoftwareAuthenticator strangersPasskey = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String stranger = "stranger" + System.nanoTime();
        bank.enrolled(stranger, strangersPasskey);
        JsonNode session = bank.tokens(alicesPasskey, alice);
        String accessToken = session.path("access_token").asString();

        Response stepUp = bank.signIn(strangersPasskey, stranger, Map.of(), TenantFixture.ORIGIN,
                UnaryOperator.identity(), "Authorization", "Bearer " + accessToken);

        assertProblem(stepUp, 400, "credential_user_mismatch");
        JsonNode introspection = bank.introspect(accessToken).json();
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("sid").asString()).isEqualTo(session.path("session_id").asString());
    }

    @Test
    void revokingASessionThatDoesNotExistIsNotFound() {
        Response revoke = api.form(bank.path("/sessions/" + UUID.randomUUID() + "/revoke"), Map.of(),
                "Authorization", "Bearer " + bank.apiKey());

        assertProblem(revoke, 404, "session_not_found");
    }

    @Test
    void anotherTenantsSessionIsNotFoundEither() {
        String sessionId = bank.tokens(alicesPasskey, alice).path("session_id").asString();
        BankFixture other = BankFixture.create(api, "session-reject-other", Map.of(), Map.of());

        Response revoke = api.form(other.path("/sessions/" + sessionId + "/revoke"), Map.of(),
                "Authorization", "Bearer " + other.apiKey());

        assertProblem(revoke, 404, "session_not_found");
        assertThat(bank.introspect(bank.tokens(alicesPasskey, alice).path("access_token").asString()).json()
                .path("active").asBoolean()).isTrue();
    }
}
