package io.biometriccore.credentials;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.sessions.Channel;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.sessions.SignIn;
import io.biometriccore.shared.ApiException;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The bank's device API: each state change shows in what sign-in answers, and sessions end with devices. */
class DeviceLifecycleIT extends PostgresIntegrationTest {

    @Autowired
    private Sessions sessions;

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private UUID customerId;
    private UUID deviceId;

    @BeforeEach
    void enrolled() {
        bank = BankFixture.create(api, "device-bank", Map.of(), Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "user" + System.nanoTime();
        customerId = bank.enrolled(username, phone);
        deviceId = bank.firstDevice(customerId);
    }

    @Test
    void theDeviceListShowsWhatSupportStaffNeed() {
        bank.tokens(phone, username);

        JsonNode device = devices().get(0);

        assertThat(device.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(device.path("platform").asString()).isNotBlank();
        assertThat(device.path("createdAt").asString()).isNotBlank();
        assertThat(device.path("lastUsedAt").asString()).isNotBlank();
        assertThat(device.path("backupEligible").isBoolean()).isTrue();
        assertThat(device.path("backupState").isBoolean()).isTrue();
        assertThat(device.path("attestationTrust").asString()).isEqualTo("NONE");
        assertThat(device.path("aaguid").asString()).isNotBlank();
    }

    @Test
    void aDeviceCanBeRenamed() {
        Response renamed = bank.backend("PATCH", devicePath(""), Map.of("name", "Alice's work phone"));

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(devices().get(0).path("name").asString()).isEqualTo("Alice's work phone");
        assertCode(bank.backend("PATCH", devicePath(""), Map.of("name", " ")), "invalid_request");
    }

    @Test
    void aSuspendedDeviceCannotSignInUntilResumed() {
        JsonNode tokens = bank.tokens(phone, username);

        assertThat(bank.backend("POST", devicePath("/suspend"), null).json().path("status").asString())
                .isEqualTo("SUSPENDED");
        assertProblem(bank.signIn(phone, username), 403, "credential_suspended");
        assertThat(bank.introspect(tokens.path("access_token").asString()).json().path("active").asBoolean()).isFalse();

        assertThat(bank.backend("POST", devicePath("/resume"), null).json().path("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(bank.signIn(phone, username).status()).isEqualTo(200);
    }

    @Test
    void revokingADeviceEndsItsSessionsAndItsSignIns() {
        JsonNode tokens = bank.tokens(phone, username);

        assertThat(bank.backend("POST", devicePath("/revoke"), null).json().path("status").asString())
                .isEqualTo("REVOKED");

        assertProblem(bank.signIn(phone, username), 403, "credential_revoked");
        assertThat(bank.introspect(tokens.path("access_token").asString()).json().path("active").asBoolean()).isFalse();
        assertProblem(bank.refresh(tokens.path("refresh_token").asString()), 401, "session_inactive");
        assertProblem(bank.backend("POST", devicePath("/resume"), null), 409, "device_state_conflict");
        assertThat(bank.backend("GET", "/customers/" + customerId + "/sessions", null).json().size()).isZero();
    }

    @Test
    void noSessionOpensForADeviceSuspendedOrRevokedAfterItsAssertionVerified() {
        SignIn verifiedJustBefore = new SignIn("device-bank", customerId, "aGFuZGxl", deviceId, true, false, false,
                Channel.WEB, null, null, null);
        bank.backend("POST", devicePath("/suspend"), null);
        assertThatThrownBy(() -> sessions.signIn(verifiedJustBefore)).isInstanceOfSatisfying(ApiException.class,
                e -> assertCode(e.problem().code(), "credential_suspended"));

        bank.backend("POST", devicePath("/revoke"), null);
        assertThatThrownBy(() -> sessions.signIn(verifiedJustBefore)).isInstanceOfSatisfying(ApiException.class,
                e -> assertCode(e.problem().code(), "credential_revoked"));
        assertThat(bank.backend("GET", "/customers/" + customerId + "/sessions", null).json().size()).isZero();
    }

    @Test
    void aCloneSuspectedDeviceCanOnlyBeRevoked() {
        phone.signCount(10);
        bank.tokens(phone, username);
        phone.signCount(3);
        assertProblem(bank.signIn(phone, username), 403, "counter_regression");
        assertThat(devices().get(0).path("status").asString()).isEqualTo("SUSPECTED_CLONE");

        assertProblem(bank.backend("POST", devicePath("/resume"), null), 409, "device_clone_suspected");
        assertProblem(bank.backend("POST", devicePath("/suspend"), null), 409, "device_clone_suspected");
        assertThat(bank.backend("POST", devicePath("/revoke"), null).json().path("status").asString())
                .isEqualTo("REVOKED");
    }

    @Test
    void aSuspectedCloneEndsTheSessionsItsPasskeyOpenedAndSaysWhy() throws SQLException {
        phone.signCount(10);
        JsonNode tokens = bank.tokens(phone, username);
        phone.signCount(3);
        assertProblem(bank.signIn(phone, username), 403, "counter_regression");

        assertProblem(bank.refresh(tokens.path("refresh_token").asString()), 401, "session_inactive");
        assertThat(bank.introspect(tokens.path("access_token").asString()).json().path("active").asBoolean()).isFalse();
        assertThat(bank.backend("GET", "/customers/" + customerId + "/sessions", null).json().size()).isZero();
        assertThat(revocationReasons()).containsExactly("device_suspected_clone");
    }

    /** The reasons of the customer's token.revoked audit events. */
    private List<String> revocationReasons() throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT reason FROM audit_event WHERE event_type = 'token.revoked' AND customer_id = ?")) {
            s.setObject(1, customerId);
            List<String> reasons = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reasons.add(rs.getString(1));
                }
            }
            return reasons;
        }
    }

    @Test
    void revokeAllRevokesEveryDeviceOfTheCustomer() {
        SoftwareAuthenticator laptop = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        BankFixture.require(bank.register(laptop, bank.grant(customerId), input -> input), 200);

        Response revoked = bank.backend("POST", "/customers/" + customerId + "/devices/revoke-all", null);

        assertThat(revoked.json().path("revoked").asInt()).isEqualTo(2);
        assertThat(devices().valueStream().map(d -> d.path("status").asString())).containsOnly("REVOKED");
        assertProblem(bank.signIn(laptop, username), 403, "credential_revoked");
    }

    @Test
    void anotherCustomersDeviceIsNotFound() {
        UUID other = bank.enrolled("other" + System.nanoTime(), SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE));

        assertProblem(bank.backend("POST", "/customers/" + other + "/devices/" + deviceId + "/revoke", null),
                404, "device_not_found");
        assertThat(devices().get(0).path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void deletingACustomerRemovesDevicesAndRevokesSessions() {
        JsonNode tokens = bank.tokens(phone, username);

        assertThat(bank.backend("DELETE", "/customers/" + customerId, null).status()).isEqualTo(204);

        assertProblem(bank.backend("GET", "/customers/" + customerId, null), 404, "customer_not_found");
        assertThat(bank.introspect(tokens.path("access_token").asString()).json().path("active").asBoolean()).isFalse();
        assertProblem(bank.signIn(phone, username), 400, "credential_unknown");
        assertProblem(bank.backend("DELETE", "/customers/" + customerId, null), 404, "customer_not_found");
    }

    @Test
    void aSecondCustomerWithTheSameExternalIdIsAConflict() {
        Response duplicate = bank.backend("POST", "/customers",
                Map.of("externalId", "ext-" + username, "username", "someone-else"));

        assertProblem(duplicate, 409, "customer_exists");
    }

    private JsonNode devices() {
        Response list = bank.backend("GET", "/customers/" + customerId + "/devices", null);
        BankFixture.require(list, 200);
        return list.json();
    }

    private String devicePath(String action) {
        return "/customers/" + customerId + "/devices/" + deviceId + action;
    }
}
