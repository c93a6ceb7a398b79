package io.biometriccore.ceremonies;

import static io.biometriccore.testkit.SoftwareAuthenticator.Attestation.NONE;
import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import io.biometriccore.testsupport.TenantFixture;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a client puts in the members of a registration response and what options give back: transports
 * are kept only when WebAuthn knows them, a malformed list is {@code invalid_request}, never a 500; and
 * sign-in options for a customer without a passkey carry decoys like an unknown username's.
 */
class RequestMembersIT extends PostgresIntegrationTest {

    TenantFixture tenant;

    @BeforeEach
    void tenant() {
        tenant = TenantFixture.create(api, "members", Map.of());
    }

    @Test
    void keepsOnlyKnownTransportsAndEchoesNothingElse() {
        String alice = someone();
        Response registered = registerWithTransports(alice, transports -> transports.add("usb").add("nfc")
                .add("x".repeat(300)).add("cable").add("usb"));

        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(tenant.authenticationOptions(alice).path("allowCredentials").get(0).path("transports")
                .valueStream().map(JsonNode::asString).toList()).containsExactly("nfc", "usb");
    }

    @SendsBadInput("transports the contract's schema refuses")
    @Test
    void rejectsANullTransportAsInvalidRequest() {
        assertProblem(registerWithTransports(someone(), transports -> transports.addNull()), 400, "invalid_request");
    }

    @SendsBadInput("transports the contract's schema refuses")
    @Test
    void rejectsATransportThatIsNotAStringAsInvalidRequest() {
        assertProblem(registerWithTransports(someone(), transports -> transports.add(1)), 400, "invalid_request");
        assertProblem(registerWithTransports(someone(), transports -> transports.addObject().put("usb", true)),
                400, "invalid_request");
    }

    @SendsBadInput("transports the contract's schema refuses")
    @Test
    void rejectsMoreThanSixteenTransportsAsInvalidRequest() {
        assertProblem(registerWithTransports(someone(), transports -> {
            for (int i = 0; i < 17; i++) {
                transports.add("usb");
            }
        }), 400, "invalid_request");
    }

    @SendsBadInput("transports the contract's schema refuses")
    @Test
    void rejectsTransportsThatAreNotAListAsMalformedRequest() {
        String response = SoftwareAuthenticator.create(ES256, NONE)
                .register(tenant.registrationInput(tenant.registrationOptions(someone())));
        ObjectNode json = (ObjectNode) ApiClient.JSON.readTree(response);
        ((ObjectNode) json.path("response")).put("transports", "usb");

        assertProblem(api.post(tenant.path("/registration/verify"), json.toString()), 400, "malformed_request");
    }

    @Test
    void customerWithoutAPasskeyGetsStableDecoysShapedLikeAnUnknownUsernames() {
        BankFixture bank = BankFixture.create(api, "members-bank", Map.of(), Map.of());
        UUID customer = bank.createCustomer("no-passkey");
        assertThat(customer).isNotNull();

        JsonNode first = options(bank, "no-passkey");
        JsonNode unknown = options(bank, "nobody-" + UUID.randomUUID());

        assertThat(first.path("allowCredentials")).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(options(bank, "no-passkey").path("allowCredentials")).isEqualTo(first.path("allowCredentials"));
        assertThat(first.propertyNames()).isEqualTo(unknown.propertyNames());
        assertThat(unknown.path("allowCredentials")).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    }

    private JsonNode options(BankFixture bank, String username) {
        Response response = api.post(bank.path("/authentication/options"), Map.of("username", username));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Response registerWithTransports(String username, Consumer<ArrayNode> transports) {
        String response = SoftwareAuthenticator.create(ES256, NONE)
                .register(tenant.registrationInput(tenant.registrationOptions(username)));
        ObjectNode json = (ObjectNode) ApiClient.JSON.readTree(response);
        transports.accept(((ObjectNode) json.path("response")).putArray("transports"));
        return api.post(tenant.path("/registration/verify"), json.toString());
    }

    private static String someone() {
        return "member-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
