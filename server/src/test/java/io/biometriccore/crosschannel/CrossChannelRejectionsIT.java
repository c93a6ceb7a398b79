package io.biometriccore.crosschannel;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The cross-channel refusals that need a clock or a second customer: a request past its expiry, one
 * that never existed, and a phone approving with an assertion made by someone else's passkey (the
 * approval's ceremony is bound to the phone session's customer, so it is refused as not theirs).
 */
@Import(MutableClockConfiguration.class)
class CrossChannelRejectionsIT extends PostgresIntegrationTest {

    @Autowired
    private MutableClock clock;

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String phoneToken;

    @BeforeEach
    void phoneSignedIn() {
        bank = BankFixture.create(api, "cross-reject-bank", Map.of("challengeTimeout", "PT2M"), Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        Response signedIn = bank.signIn(phone, username, Map.of(), BankFixture.ANDROID_ORIGIN, UnaryOperator.identity());
        BankFixture.require(signedIn, 200);
        phoneToken = signedIn.json().path("access_token").asString();
    }

    @Test
    void anExpiredRequestCanNeitherBeApprovedNorClaimed() {
        JsonNode request = started();
        String id = request.path("id").asString();
        String[] web = {"Authorization", "Bearer " + request.path("pollSecret").asString()};
        JsonNode options = approvalOptions(id);

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        assertThat(api.get(bank.path("/cross-channel/" + id), web).json().path("status").asString())
                .isEqualTo("expired");
        assertProblem(api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken), 409, "cross_channel_expired");
        assertProblem(approval(id, request.path("userCode").asString(), assertion(phone, options)), 409,
                "cross_channel_expired");
        assertProblem(api.post(bank.path("/cross-channel/" + id + "/token"), null, web), 409,
                "cross_channel_expired");
    }

    @Test
    void aRequestThatNeverExistedIsNotFound() {
        String id = UUID.randomUUID().toString();

        assertProblem(api.get(bank.path("/cross-channel/" + id), "Authorization", "Bearer cc_" + "A".repeat(43)),
                404, "cross_channel_not_found");
        assertProblem(api.post(bank.path("/cross-channel/" + id + "/token"), null,
                "Authorization", "Bearer cc_" + "A".repeat(43)), 404, "cross_channel_not_found");
        assertProblem(api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken), 404, "cross_channel_not_found");
    }

    /** The approval's ceremony is bound to the phone session's customer; the stranger's credential is not theirs. */
    @Test
    void aPhoneApprovingWithAnotherCustomersAssertionIsRefused() {
        SoftwareAuthenticator strangersPasskey = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("stranger" + System.nanoTime(), strangersPasskey);
        JsonNode request = started();
        String id = request.path("id").asString();
        String[] web = {"Authorization", "Bearer " + request.path("pollSecret").asString()};

        Response approval = approval(id, request.path("userCode").asString(),
                assertion(strangersPasskey, approvalOptions(id)));

        assertProblem(approval, 400, "credential_user_mismatch");
        assertThat(api.get(bank.path("/cross-channel/" + id), web).json().path("status").asString())
                .isEqualTo("pending");
        assertProblem(api.post(bank.path("/cross-channel/" + id + "/token"), null, web), 409,
                "cross_channel_pending");
    }

    private JsonNode started() {
        Response started = api.post(bank.path("/cross-channel"), null);
        BankFixture.require(started, 201);
        return started.json();
    }

    private JsonNode approvalOptions(String id) {
        Response options = api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken);
        BankFixture.require(options, 200);
        return options.json();
    }

    private Response approval(String id, String userCode, JsonNode credential) {
        return api.post(bank.path("/cross-channel/" + id + "/approval"), Map.of("userCode", userCode,
                "credential", credential), "Authorization", "Bearer " + phoneToken);
    }

    private static JsonNode assertion(SoftwareAuthenticator authenticator, JsonNode options) {
        String challenge = options.path("publicKey").path("challenge").asString();
        return ApiClient.JSON.readTree(authenticator.authenticate(AuthenticationInput.of(challenge,
                BankFixture.ANDROID_ORIGIN, TenantFixture.RP_ID)));
    }
}
