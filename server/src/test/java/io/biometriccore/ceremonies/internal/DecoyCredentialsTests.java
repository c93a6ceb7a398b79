package io.biometriccore.ceremonies.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.ceremonies.PublicKeyCredentialDescriptorJSON;
import io.biometriccore.shared.Base64Url;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DecoyCredentialsTests {

    private static final String SECRET = "decoy-tests-secret-0123456789";

    private final DecoyCredentials decoys = new DecoyCredentials(SECRET, false);

    @Test
    void decoysForAUsernameAreTheSameOnTwoNodesWithTheSameSecret() {
        DecoyCredentials otherNode = new DecoyCredentials(SECRET, false);

        assertThat(otherNode.forUsername("bank", "alice")).isEqualTo(decoys.forUsername("bank", "alice"));
        assertThat(decoys.forUsername("bank", "alice")).isEqualTo(decoys.forUsername("bank", "alice"));
    }

    @Test
    void decoysDependOnTheSecretTheTenantAndTheUsername() {
        List<PublicKeyCredentialDescriptorJSON> alice = decoys.forUsername("bank", "alice");

        assertThat(new DecoyCredentials(SECRET + "-other", false).forUsername("bank", "alice")).isNotEqualTo(alice);
        assertThat(decoys.forUsername("other-bank", "alice")).isNotEqualTo(alice);
        assertThat(decoys.forUsername("bank", "alicf")).isNotEqualTo(alice);
    }

    @Test
    void decoysTakeEveryShapeOfRealCredentialsAndNoOther() {
        Set<Integer> counts = new HashSet<>();
        Set<Integer> idLengths = new HashSet<>();
        Set<List<String>> transports = new HashSet<>();
        IntStream.range(0, 500).mapToObj(i -> decoys.forUsername("bank", "customer-" + i)).forEach(list -> {
            counts.add(list.size());
            list.forEach(decoy -> {
                assertThat(decoy.type()).isEqualTo("public-key");
                idLengths.add(Base64Url.decode(decoy.id(), "id").length);
                transports.add(decoy.transports());
            });
        });

        assertThat(counts).containsExactlyInAnyOrder(1, 2);
        assertThat(idLengths).containsExactlyInAnyOrderElementsOf(DecoyCredentials.ID_LENGTHS);
        assertThat(transports).containsExactlyInAnyOrderElementsOf(Set.copyOf(DecoyCredentials.TRANSPORTS));
    }

    @Test
    void twoDecoysOfOneUsernameHaveDifferentIds() {
        List<PublicKeyCredentialDescriptorJSON> two = IntStream.range(0, 100)
                .mapToObj(i -> decoys.forUsername("bank", "customer-" + i)).filter(list -> list.size() == 2)
                .findFirst().orElseThrow();

        assertThat(two.get(0).id()).isNotEqualTo(two.get(1).id());
    }

    @Test
    void refusesToStartWithoutTheSecret() {
        new ApplicationContextRunner().withUserConfiguration(DecoyCredentials.class).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("biometric.enumeration-protection.secret is not set")
                        .hasMessageContaining("BIOMETRIC_ENUMERATION_PROTECTION_SECRET"));
    }

    @Test
    void startsWithTheSecretConfigured() {
        new ApplicationContextRunner().withUserConfiguration(DecoyCredentials.class)
                .withPropertyValues("biometric.enumeration-protection.secret=" + SECRET)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DecoyCredentials.class));
    }

    @Test
    void generatesASecretOnlyWhenToldTo() {
        assertThat(new DecoyCredentials(null, true).forUsername("demo", "alice")).isNotEmpty();
        assertThatThrownBy(() -> new DecoyCredentials("  ", false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesASecretShorterThanSixteenCharacters() {
        assertThatThrownBy(() -> new DecoyCredentials("short-secret", false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 16 characters");
    }
}
