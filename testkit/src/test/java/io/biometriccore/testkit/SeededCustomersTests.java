package io.biometriccore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.WebAuthnAuthenticationManager;
import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.RegistrationInput;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeededCustomersTests {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String RP_ID = "localhost";
    private static final String CHALLENGE = "c2VlZGVkLWN1c3RvbWVyLWNoYWxsZW5nZQ";
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    @Test
    void theSameSeedAndIndexGiveTheSameCustomerAndCredential() {
        SeededCustomer first = new SeededCustomers(42).customer(7);
        SeededCustomer again = new SeededCustomers(42).customer(7);

        assertThat(again.username()).isEqualTo(first.username()).isEqualTo("bench-7");
        assertThat(again.userHandle()).isEqualTo(first.userHandle()).hasSize(32);
        assertThat(again.credentialId()).isEqualTo(first.credentialId()).hasSize(32);
        assertThat(again.customerId()).isEqualTo(first.customerId());
        assertThat(again.deviceId()).isEqualTo(first.deviceId());
        assertThat(again.privateScalar()).isEqualTo(first.privateScalar());
        assertThat(again.publicKeyCose()).isEqualTo(first.publicKeyCose());
        assertThat(first.customerId().version()).isEqualTo(4);
        assertThat(first.deviceId().version()).isEqualTo(4);
    }

    @Test
    void anotherIndexOrAnotherSeedGivesAnotherCredential() {
        SeededCustomer customer = new SeededCustomers(42).customer(7);
        SeededCustomer nextIndex = new SeededCustomers(42).customer(8);
        SeededCustomer otherSeed = new SeededCustomers(43).customer(7);

        for (SeededCustomer other : new SeededCustomer[] {nextIndex, otherSeed}) {
            assertThat(other.credentialId()).isNotEqualTo(customer.credentialId());
            assertThat(other.userHandle()).isNotEqualTo(customer.userHandle());
            assertThat(other.customerId()).isNotEqualTo(customer.customerId());
            assertThat(other.deviceId()).isNotEqualTo(customer.deviceId());
            assertThat(other.privateScalar()).isNotEqualTo(customer.privateScalar());
        }
        assertThat(otherSeed.username()).isEqualTo(customer.username());
    }

    @Test
    void theIdsAloneAreThoseOfTheWholeCustomer() {
        var customers = new SeededCustomers(42);
        SeededCustomer customer = customers.customer(9);

        assertThat(customers.customerId(9)).isEqualTo(customer.customerId());
        assertThat(customers.deviceId(9)).isEqualTo(customer.deviceId());
        assertThat(customers.credentialId(9)).isEqualTo(customer.credentialId());
    }

    @Test
    void rejectsANegativeIndex() {
        assertThatThrownBy(() -> new SeededCustomers(42).customer(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index");
    }

    @Test
    void theStoredPublicKeyIsTheOneARegistrationOfTheSameCredentialCarries() {
        SeededCustomer customer = new SeededCustomers(42).customer(3);
        String registration = customer.authenticator().register(RegistrationInput.of(CHALLENGE, ORIGIN, RP_ID)
                .withUserHandle(customer.userHandle()));

        COSEKey registered = WebAuthnRegistrationManager.createNonStrictWebAuthnRegistrationManager().parse(registration).getAttestationObject()
                .getAuthenticatorData().getAttestedCredentialData().getCOSEKey();

        assertThat(CONVERTER.getCborConverter().writeValueAsBytes(registered)).isEqualTo(customer.publicKeyCose());
    }

    @Test
    void anAssertionOfTheSeededAuthenticatorVerifiesAgainstTheStoredPublicKeyWithItsCounterAtZero() {
        SeededCustomer customer = new SeededCustomers(42).customer(123_456);
        COSEKey stored = CONVERTER.getCborConverter().readValue(customer.publicKeyCose(), COSEKey.class);
        var credential = new CredentialRecordImpl(new NoneAttestationStatement(), true, false, false, 0,
                new AttestedCredentialData(AAGUID.ZERO, customer.credentialId(), stored), null, null, null, Set.of());
        SoftwareAuthenticator authenticator = new SeededCustomers(42).customer(123_456).authenticator();

        for (int signIn = 0; signIn < 2; signIn++) {
            AuthenticationData data = new WebAuthnAuthenticationManager().verify(
                    authenticator.authenticate(AuthenticationInput.of(CHALLENGE, ORIGIN, RP_ID)),
                    new AuthenticationParameters(ServerProperty.builder().origin(new Origin(ORIGIN)).rpId(RP_ID)
                            .challenge(new DefaultChallenge(CHALLENGE)).build(), credential, null, true, true));

            assertThat(data.getCredentialId()).isEqualTo(customer.credentialId());
            assertThat(data.getUserHandle()).isEqualTo(customer.userHandle());
            assertThat(data.getAuthenticatorData().getSignCount()).isZero();
        }
    }
}
