package io.biometriccore.sessions;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.interfaces.DecodedJWT;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.IndependentJwtVerifier;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole bank flow over HTTP, and refresh-token rotation with reuse detection. */
class BankFlowIT extends PostgresIntegrationTest {

    private BankFixture bank;

    @BeforeEach
    void tenant() {
        bank = BankFixture.create(api, "flow-bank", Map.of(), Map.of());
    }

    @Test
    void backendEnrollsTheCustomerWhoSignsInAndTheTokenVerifiesOnlineAndOffline() {
        Response created = bank.backend("POST", "/customers",
                Map.of("externalId", "CIF-0001", "username", "alice", "displayName", "Alice Example"));
        assertThat(created.status()).isEqualTo(201);
        UUID customerId = UUID.fromString(created.json().path("id").asString());
        String userHandle = created.json().path("userHandle").asString();
        assertThat(bank.backend("GET", "/customers?externalId=CIF-0001", null).json().path("id").asString())
                .isEqualTo(customerId.toString());

        Response grant = bank.backend("POST", "/customers/" + customerId + "/enrollment-grants", null);
        assertThat(grant.status()).isEqualTo(201);
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        Response registered = bank.register(phone, grant.json().path("grant").asString(), UnaryOperator.identity());
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json().path("customerId").asString()).isEqualTo(customerId.toString());

        JsonNode signedIn = bank.tokens(phone, "alice");
        String accessToken = signedIn.path("access_token").asString();
        assertThat(signedIn.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(signedIn.path("expires_in").asLong()).isEqualTo(300);
        assertThat(signedIn.path("refresh_token").asString()).startsWith("rt_");
        assertThat(signedIn.path("acr").asString()).isEqualTo("aal2");

        JsonNode introspection = bank.introspect(accessToken).json();
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("sub").asString()).isEqualTo(userHandle);
        assertThat(introspection.path("aud").asString()).isEqualTo("flow-bank");
        assertThat(introspection.path("sid").asString()).isEqualTo(signedIn.path("session_id").asString());
        assertThat(introspection.path("acr").asString()).isEqualTo("aal2");
        assertThat(introspection.path("amr").valueStream().map(JsonNode::asString)).containsExactly("swk", "user", "mfa");

        DecodedJWT offline = offlineVerifier().verify(accessToken).orElseThrow();
        assertThat(offline.getSubject()).isEqualTo(userHandle);
        assertThat(offline.getClaim("sid").asString()).isEqualTo(signedIn.path("session_id").asString());
        assertThat(offline.getClaim("auth_time").asLong()).isPositive();
        assertThat(offline.getId()).isNotBlank();
    }

    @Test
    void theSubjectIsTheUserHandleNeverTheBanksId() {
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        UUID customerId = bank.enrolled("bob", phone);
        String accessToken = bank.tokens(phone, "bob").path("access_token").asString();

        DecodedJWT claims = offlineVerifier().verify(accessToken).orElseThrow();

        assertThat(claims.getSubject()).isNotEqualTo(customerId.toString()).isNotEqualTo("ext-bob");
        assertThat(claims.getSubject()).isEqualTo(
                bank.backend("GET", "/customers/" + customerId, null).json().path("userHandle").asString());
    }

    @Test
    void aGrantIsSingleUse() {
        UUID customerId = bank.createCustomer("carol");
        String grant = bank.grant(customerId);
        assertThat(bank.register(SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE), grant,
                UnaryOperator.identity()).status()).isEqualTo(200);

        Response again = bank.register(SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE), grant,
                UnaryOperator.identity());

        assertThat(again.status()).isEqualTo(401);
        assertCode(again, "enrollment_grant_invalid");
    }

    @Test
    void deletingACustomerWhileGrantsAreIssuedNeverEndsInAServerError() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID customerId = bank.createCustomer("racer" + round + "x" + System.nanoTime());
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> bank.backend("POST", "/customers/" + customerId + "/enrollment-grants", null).status());
            }
            calls.add(() -> bank.backend("DELETE", "/customers/" + customerId, null).status());
            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
                for (Future<Integer> status : pool.invokeAll(calls)) {
                    statuses.add(status.get());
                }
            }

            assertThat(statuses).as("round " + round).isSubsetOf(201, 204, 404).contains(204);
        }
    }

    @Test
    void registrationWithoutAGrantIsRefusedOnAClosedTenant() {
        Response options = api.post(bank.path("/registration/options"), Map.of("username", "mallory"));

        assertThat(options.status()).isEqualTo(403);
        assertCode(options, "enrollment_not_open");
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("dave", phone);
        JsonNode first = bank.tokens(phone, "dave");

        Response refreshed = bank.refresh(first.path("refresh_token").asString());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode second = refreshed.json();
        assertThat(second.path("refresh_token").asString()).isNotEqualTo(first.path("refresh_token").asString());
        assertThat(second.path("session_id").asString()).isEqualTo(first.path("session_id").asString());
        assertThat(bank.introspect(second.path("access_token").asString()).json().path("active").asBoolean()).isTrue();
        assertThat(bank.refresh(second.path("refresh_token").asString()).status()).isEqualTo(200);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("erin", phone);
        JsonNode first = bank.tokens(phone, "erin");
        JsonNode second = bank.refresh(first.path("refresh_token").asString()).json();

        Response reuse = bank.refresh(first.path("refresh_token").asString());

        assertThat(reuse.status()).isEqualTo(401);
        assertCode(reuse, "refresh_token_reused");
        Response heir = bank.refresh(second.path("refresh_token").asString());
        assertThat(heir.status()).isEqualTo(401);
        assertCode(heir, "session_inactive");
        assertThat(bank.introspect(second.path("access_token").asString()).json().path("active").asBoolean()).isFalse();
        assertThat(bank.introspect(second.path("refresh_token").asString()).json().path("active").asBoolean()).isFalse();
    }

    @Test
    void anUnknownRefreshTokenOrGrantTypeIsRefused() {
        Response unknown = bank.refresh("rt_" + "x".repeat(43));
        assertThat(unknown.status()).isEqualTo(401);
        assertCode(unknown, "refresh_token_invalid");

        Response wrongGrant = api.badInput().form(bank.path("/token"), Map.of("grant_type", "password", "refresh_token", "x"));
        assertThat(wrongGrant.status()).isEqualTo(400);
        assertCode(wrongGrant, "unsupported_grant_type");
    }

    @Test
    void introspectionOfGarbageIsInactive() {
        assertThat(bank.introspect("not-a-token").json().properties().stream().map(Map.Entry::getKey))
                .containsExactly("active");
        assertThat(bank.introspect("not-a-token").json().path("active").asBoolean()).isFalse();
    }

    /** An independent JOSE verifier (Auth0 java-jwt) configured from nothing but the tenant's JWKS. */
    private IndependentJwtVerifier offlineVerifier() {
        return new IndependentJwtVerifier(api.get(bank.path("/.well-known/jwks.json")).json(),
                "https://auth.bank.example/v1/tenants/flow-bank", "flow-bank", Clock.systemUTC());
    }
}
