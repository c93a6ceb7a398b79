package io.biometriccore.risk.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import io.biometriccore.testsupport.TestLocationDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The signals that judge where an attempt comes from, in the ceremonies, with MaxMind databases the
 * test writes and the client's address taken from {@code X-Forwarded-For} as behind a proxy
 * ({@code server.forward-headers-strategy=native}, the loopback a trusted proxy): a sign-in from
 * Frankfurt (203.0.113.0/24) and one from Tokyo (198.51.100.0/24), about 9,300 km apart, seconds after
 * it is impossible travel; failures from one address step up the next sign-in from it, whoever's.
 */
class WhereFromIT extends PostgresIntegrationTest {

    private static final String FRANKFURT = "203.0.113.7";
    private static final String TOKYO = "198.51.100.7";

    @DynamicPropertySource
    static void locationDatabases(DynamicPropertyRegistry properties) throws IOException {
        TestLocationDatabases databases = TestLocationDatabases.writeInto(Files.createTempDirectory("geoip"));
        properties.add("biometric.risk.geoip.city-database", () -> databases.city().toString());
        properties.add("biometric.risk.geoip.asn-database", () -> databases.asn().toString());
        properties.add("server.forward-headers-strategy", () -> "native");
    }

    @Test
    void twoSignInsNineThousandKilometresApartWithinAnHourStepUp() {
        Traveller traveller = traveller(Map.of());

        BankFixture.require(traveller.signInFrom(FRANKFURT), 200);
        Response fromTokyo = traveller.signInFrom(TOKYO);

        BankFixture.require(fromTokyo, 200);
        assertThat(fromTokyo.json().path("acr").asString()).isEqualTo("aal1");
        assertThat(fromTokyo.json().path("stepUpAcr").asString()).isEqualTo("aal2");
        JsonNode travel = RecordedDecisions.latest(api, traveller.bank().tenantId(), "step_up").path("contributions")
                .get(0);
        assertThat(travel.path("reason").asString()).isEqualTo("impossible_travel");
        assertThat(travel.path("detail").asString()).matches("93\\d\\d km in 0 min");
    }

    @Test
    void aSignInLeftRestrictedIsNotRememberedSoSigningInAgainFromThereStepsUpAgain() {
        Traveller traveller = traveller(Map.of("scores", Map.of("new_country", 0, "new_network", 0)));
        BankFixture.require(traveller.signInFrom(FRANKFURT), 200);
        BankFixture.require(traveller.signInFrom(TOKYO), 200);

        Response again = traveller.signInFrom(TOKYO);

        BankFixture.require(again, 200);
        assertThat(again.json().path("acr").asString()).isEqualTo("aal1");
        assertThat(again.json().path("stepUpAcr").asString()).isEqualTo("aal2");
        assertThat(RecordedDecisions.reasons(api, traveller.bank().tenantId(), "step_up"))
                .contains("impossible_travel");
    }

    @Test
    void aRestrictedSessionSteppedUpFromThereIsRememberedAndTheNextSignInFromThereIsAllowed() {
        Traveller traveller = traveller(Map.of("scores", Map.of("new_country", 0, "new_network", 0)));
        BankFixture.require(traveller.signInFrom(FRANKFURT), 200);
        Response restricted = traveller.signInFrom(TOKYO);
        BankFixture.require(restricted, 200);

        Response steppedUp = traveller.stepUpFrom(TOKYO, restricted.json().path("access_token").asString());
        Response again = traveller.signInFrom(TOKYO);

        BankFixture.require(steppedUp, 200);
        assertThat(steppedUp.json().path("acr").asString()).isEqualTo("aal2");
        BankFixture.require(again, 200);
        assertThat(again.json().has("stepUpAcr")).isFalse();
    }

    @Test
    void withoutImpossibleTravelsPointsTheSameSignInIsAllowed() {
        Traveller traveller = traveller(Map.of("scores", Map.of("new_country", 0, "new_network", 0,
                "impossible_travel", 0), "outcomes", Map.of("impossible_travel", "allow")));

        BankFixture.require(traveller.signInFrom(FRANKFURT), 200);
        Response fromTokyo = traveller.signInFrom(TOKYO);

        BankFixture.require(fromTokyo, 200);
        assertThat(fromTokyo.json().has("stepUpAcr")).isFalse();
    }

    @Test
    void impossibleTravelToANewCountryOnANewNetworkIsRefusedUnderALowerDenyThreshold() {
        Traveller traveller = traveller(Map.of("denyAbove", 80));

        BankFixture.require(traveller.signInFrom(FRANKFURT), 200);

        assertProblem(traveller.signInFrom(TOKYO), 403, "risk_denied");
        assertThat(RecordedDecisions.reasons(api, traveller.bank().tenantId(), "deny"))
                .containsExactlyInAnyOrder("impossible_travel", "new_country", "new_network", "attestation_none");
    }

    @Test
    void signInsFromOneCityAreNotTravel() {
        Traveller traveller = traveller(Map.of());

        BankFixture.require(traveller.signInFrom(FRANKFURT), 200);
        Response again = traveller.signInFrom("203.0.113.99");

        BankFixture.require(again, 200);
        assertThat(again.json().has("stepUpAcr")).isFalse();
    }

    @Test
    void failuresFromOneAddressStepUpTheNextSignInFromItWhoeverSignsIn() {
        Traveller mallory = traveller(Map.of("velocity", Map.of("failures", Map.of(
                "ip", Map.of("stepUpAfter", 2, "denyAfter", 5),
                "customer", Map.of("stepUpAfter", 1000, "denyAfter", 1000),
                "credential", Map.of("stepUpAfter", 1000, "denyAfter", 1000)))));
        Traveller alice = mallory.another();
        for (int i = 0; i < 2; i++) {
            assertProblem(mallory.signInFrom(FRANKFURT, in -> in.withCorruptSignature(true)), 400, "signature_invalid");
        }

        Response fromThere = alice.signInFrom(FRANKFURT);
        Response fromElsewhere = alice.signInFrom("203.0.113.99");

        BankFixture.require(fromThere, 200);
        assertThat(fromThere.json().path("stepUpAcr").asString()).isEqualTo("aal2");
        assertThat(RecordedDecisions.reasons(api, alice.bank().tenantId(), "step_up"))
                .containsExactly("ip_failures", "attestation_none");
        BankFixture.require(fromElsewhere, 200);
        assertThat(fromElsewhere.json().has("stepUpAcr")).isFalse();
    }

    private Traveller traveller(Map<String, Object> risk) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BankFixture bank = BankFixture.create(api, "travel-" + suffix, Map.of(), Map.of());
        bank.withRisk(risk);
        return enrolled(bank);
    }

    private Traveller enrolled(BankFixture bank) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        SoftwareAuthenticator key = SoftwareAuthenticator.create(SoftwareAuthenticator.KeyType.ES256,
                SoftwareAuthenticator.Attestation.NONE);
        String username = "traveller-" + suffix;
        bank.enrolled(username, key);
        return new Traveller(bank, key, username);
    }

    private final class Traveller {
        private final BankFixture bank;
        private final SoftwareAuthenticator key;
        private final String username;

        Traveller(BankFixture bank, SoftwareAuthenticator key, String username) {
            this.bank = bank;
            this.key = key;
            this.username = username;
        }

        BankFixture bank() {
            return bank;
        }

        /** Another customer of the same bank. */
        Traveller another() {
            return enrolled(bank);
        }

        Response signInFrom(String ip) {
            return signInFrom(ip, UnaryOperator.identity());
        }

        /** A username-first sign-in whose options and result both come "from" {@code ip}. */
        Response signInFrom(String ip, UnaryOperator<AuthenticationInput> tamper) {
            Response started = api.post(bank.path("/authentication/options"), Map.of("username", username),
                    "X-Forwarded-For", ip);
            BankFixture.require(started, 200);
            String assertion = key.authenticate(tamper.apply(AuthenticationInput.of(
                    started.json().path("challenge").asString(), TenantFixture.ORIGIN, TenantFixture.RP_ID)));
            return api.post(bank.path("/authentication/verify"), assertion, "X-Forwarded-For", ip);
        }

        /** A step-up of the session {@code accessToken} is for, "from" {@code ip}. */
        Response stepUpFrom(String ip, String accessToken) {
            Response started = api.post(bank.path("/authentication/options"), Map.of(),
                    "X-Forwarded-For", ip, "Authorization", "Bearer " + accessToken);
            BankFixture.require(started, 200);
            String assertion = key.authenticate(AuthenticationInput.of(
                    started.json().path("challenge").asString(), TenantFixture.ORIGIN, TenantFixture.RP_ID));
            return api.post(bank.path("/authentication/verify"), assertion, "X-Forwarded-For", ip);
        }
    }
}
