package io.biometriccore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.WebAuthnAuthenticationManager;
import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.internal.AssertionSignatureVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData.PaymentCredentialInstrument;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData.PaymentCurrencyAmount;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData.PaymentEntityLogo;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testkit.SoftwareAuthenticator.RegistrationInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Secure Payment Confirmation assertion as the software authenticator builds it, and what webauthn4j 0.32
 * makes of it: the server's SPC approval relies on webauthn4j parsing a {@code payment.get} clientDataJSON
 * (keeping the raw bytes, so the {@code payment} member can be read from them) while its all-in-one
 * {@code verify} refuses any type but {@code webauthn.get}.
 */
class PaymentAssertionTests {

    private static final String BANK = "https://bank.example";
    private static final String RP_ID = "bank.example";
    private static final String SHOP = "https://shop.example";
    private static final String CHALLENGE = "c3BjLWNoYWxsZW5nZQ";
    private static final String PAYMENT_GET = "payment.get";
    private static final CollectedClientAdditionalPaymentData PAYMENT = CollectedClientAdditionalPaymentData.of(
                    RP_ID, SHOP, new PaymentCurrencyAmount("EUR", "1250.00"),
                    PaymentCredentialInstrument.of("Visa ****1234", "https://bank.example/card.png"))
            .withPayeeName("Shop Ltd")
            .withPayeeOrigin(SHOP);

    private final WebAuthnAuthenticationManager manager = new WebAuthnAuthenticationManager();

    @Test
    void paymentMemberFollowsTheBaseMembersWithTheSpecsNamesInChromiumsOrder() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        String clientDataJson = clientDataJsonOf(authenticator.authenticate(paymentInput(PAYMENT)));

        assertThat(clientDataJson).isEqualTo("{\"type\":\"payment.get\",\"challenge\":\"" + CHALLENGE + "\","
                + "\"origin\":\"https://shop.example\",\"crossOrigin\":false,\"payment\":{\"rpId\":\"bank.example\","
                + "\"topOrigin\":\"https://shop.example\",\"payeeName\":\"Shop Ltd\","
                + "\"payeeOrigin\":\"https://shop.example\",\"total\":{\"value\":\"1250.00\",\"currency\":\"EUR\"},"
                + "\"instrument\":{\"icon\":\"https://bank.example/card.png\",\"displayName\":\"Visa ****1234\"}}}");
    }

    @Test
    void optionalPaymentMembersAreOmittedUntilSetAndThenWritten() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        var bare = CollectedClientAdditionalPaymentData.of(RP_ID, SHOP, PAYMENT.total(), PAYMENT.instrument());
        var full = bare.withPaymentEntitiesLogos(List.of(new PaymentEntityLogo("https://network.example/l.png", "Net")))
                .withInstrument(new PaymentCredentialInstrument("Visa ****1234", "", "exp 01/29", false))
                .withBrowserBoundPublicKey("YmJr");

        JsonView bareJson = JsonView.of(clientDataJsonOf(authenticator.authenticate(paymentInput(bare))));
        JsonView fullJson = JsonView.of(clientDataJsonOf(authenticator.authenticate(paymentInput(full))));

        assertThat(bareJson.paymentMembers()).containsExactly("rpId", "topOrigin", "total", "instrument");
        assertThat(fullJson.paymentMembers()).containsExactly("rpId", "topOrigin", "paymentEntitiesLogos", "total",
                "instrument", "browserBoundPublicKey");
        assertThat(fullJson.payment("instrument").toString()).isEqualTo(
                "{\"icon\":\"\",\"displayName\":\"Visa ****1234\",\"details\":\"exp 01/29\",\"iconMustBeShown\":false}");
        assertThat(fullJson.payment("paymentEntitiesLogos").toString()).isEqualTo(
                "[{\"url\":\"https://network.example/l.png\",\"label\":\"Net\"}]");
    }

    @Test
    void webauthn4jParsesAPaymentGetClientDataKeepingTheTypeAndTheRawBytes() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String response = authenticator.authenticate(paymentInput(PAYMENT));

        AuthenticationData data = manager.parse(response);

        assertThat(data.getCollectedClientData().getType()).isEqualTo(ClientDataType.create(PAYMENT_GET));
        assertThat(data.getCollectedClientData().getType().getValue()).isEqualTo(PAYMENT_GET);
        assertThat(data.getCollectedClientData().getType()).isNotEqualTo(ClientDataType.WEBAUTHN_GET);
        assertThat(data.getCollectedClientData().getChallenge()).isEqualTo(new DefaultChallenge(CHALLENGE));
        assertThat(data.getCollectedClientData().getOrigin()).isEqualTo(new Origin(SHOP));
        assertThat(new String(data.getCollectedClientDataBytes(), StandardCharsets.UTF_8))
                .isEqualTo(clientDataJsonOf(response));
    }

    @Test
    void webauthn4jVerifiesThePaymentAssertionsSignatureOverTheClientDataWithThePaymentMember() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        var credential = register(authenticator);
        AuthenticationData data = manager.parse(authenticator.authenticate(paymentInput(PAYMENT)));

        var publicKey = credential.getAttestedCredentialData().getCOSEKey();

        assertThatCode(() -> new AssertionSignatureVerifier().verify(data, publicKey)).doesNotThrowAnyException();
    }

    @Test
    void webauthn4jsAllInOneVerifyRejectsPaymentGetSoSpcMustRunTheStepsItself() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        var credential = register(authenticator);
        String response = authenticator.authenticate(paymentInput(PAYMENT));
        var serverProperty = ServerProperty.builder().origin(new Origin(SHOP)).rpId(RP_ID)
                .challenge(new DefaultChallenge(CHALLENGE)).build();

        assertThatThrownBy(() -> manager.verify(response,
                new AuthenticationParameters(serverProperty, credential, null, true, true)))
                .isInstanceOf(InconsistentClientDataTypeException.class);
    }

    @Test
    void aPaymentMemberDoesNotChangeTheType() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        String clientDataJson = clientDataJsonOf(authenticator.authenticate(
                AuthenticationInput.of(CHALLENGE, SHOP, RP_ID).withPayment(PAYMENT)));

        assertThat(clientDataJson).startsWith("{\"type\":\"webauthn.get\",").contains("\"payment\":{\"rpId\"");
    }

    private static AuthenticationInput paymentInput(CollectedClientAdditionalPaymentData payment) {
        return AuthenticationInput.of(CHALLENGE, SHOP, RP_ID).withType(PAYMENT_GET).withPayment(payment);
    }

    private static CredentialRecordImpl register(SoftwareAuthenticator authenticator) {
        String registration = authenticator.register(RegistrationInput.of("cmVn", BANK, RP_ID));
        var serverProperty = ServerProperty.builder().origin(new Origin(BANK)).rpId(RP_ID)
                .challenge(new DefaultChallenge("cmVn")).build();
        RegistrationData data = new WebAuthnRegistrationManager(List.of(new NoneAttestationStatementVerifier()),
                new NullCertPathTrustworthinessVerifier(), new DefaultSelfAttestationTrustworthinessVerifier())
                .verify(registration, new RegistrationParameters(serverProperty, null, true, true));
        return new CredentialRecordImpl(data.getAttestationObject(), data.getCollectedClientData(),
                data.getClientExtensions(), Set.of());
    }

    private static String clientDataJsonOf(String credentialJson) {
        String encoded = JsonView.MAPPER.readTree(credentialJson).get("response").get("clientDataJSON").asString();
        return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private record JsonView(JsonNode node) {

        static final JsonMapper MAPPER = new ObjectConverter().getJsonMapper();

        static JsonView of(String json) {
            return new JsonView(MAPPER.readTree(json));
        }

        List<String> paymentMembers() {
            return List.copyOf(node.get("payment").propertyNames());
        }

        JsonNode payment(String member) {
            return node.get("payment").get(member);
        }
    }
}
