package io.biometriccore.sessions;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Idle and absolute session lifetimes, enrollment grant expiry, and {@code max_age} step-up, on a moving clock. */
@Import(MutableClockConfiguration.class)
class SessionLifetimeIT extends PostgresIntegrationTest {

    @Autowired
    private MutableClock clock;

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;

    @BeforeEach
    void enrolled() {
        bank = BankFixture.create(api, "lifetime-bank", Map.of(),
                Map.of("sessionIdleTimeout", "PT10M", "sessionAbsoluteLifetime", "PT25M"));
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
    }

    @Test
    void aSessionIdleLongerThanItsTimeoutEnds() {
        JsonNode tokens = bank.tokens(phone, username);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        Response refresh = bank.refresh(tokens.path("refresh_token").asString());
        assertThat(refresh.status()).isEqualTo(401);
        assertCode(refresh, "session_inactive");
    }

    @Test
    void refreshingKeepsASessionAliveButNotPastItsAbsoluteLifetime() {
        String refresh = bank.tokens(phone, username).path("refresh_token").asString();
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofMinutes(9));
            Response renewed = bank.refresh(refresh);
            assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
            refresh = renewed.json().path("refresh_token").asString();
        }

        clock.advance(Duration.ofMinutes(7).plusSeconds(1));

        Response late = bank.refresh(refresh);
        assertThat(late.status()).isEqualTo(401);
        assertCode(late, "session_inactive");
    }

    @Test
    void aSessionTooOldForMaxAgeMustStepUp() {
        String accessToken = bank.tokens(phone, username).path("access_token").asString();
        assertThat(bank.me("GET", "/session?max_age=120", accessToken, null).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(3));

        Response stale = bank.me("GET", "/session?max_age=120", accessToken, null);
        assertThat(stale.status()).isEqualTo(401);
        assertCode(stale, "step_up_required");
        assertThat(stale.json().path("acr_values").asString()).isEqualTo("aal2");
        assertThat(stale.json().path("max_age").asLong()).isEqualTo(120);
    }

    @Test
    void anExpiredGrantCannotBeRedeemed() {
        String grant = bank.grant(bank.createCustomer("late" + System.nanoTime()));

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        Response options = api.post(bank.path("/registration/options"), Map.of(), "Authorization", "Bearer " + grant);
        assertThat(options.status()).isEqualTo(401);
        assertCode(options, "enrollment_grant_invalid");
    }
}
