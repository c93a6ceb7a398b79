package io.biometriccore.appintegrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The API's values: the stable rejection codes part 2 publishes, and the apps as the registry will hold them. */
class AppIntegrityValuesTests {

    @Test
    void rejectionCodesAreTheStableWireNames() {
        assertThat(Arrays.stream(AttestationRejection.values()).map(AttestationRejection::code)).containsExactly(
                "attestation_tampered", "attestation_malformed", "app_id_mismatch", "challenge_mismatch",
                "counter_not_increasing", "boot_state_unverified", "certificate_revoked", "security_level_too_low",
                "chain_untrusted", "environment_not_accepted");
    }

    @Test
    void appleAppIdIsTeamIdDotBundleId() {
        assertThat(new AppleApp("ABCDE12345", "com.bank.app", false).appId()).isEqualTo("ABCDE12345.com.bank.app");
    }

    @Test
    void refusesAnAppleTeamIdThatIsNotTenCharacters() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AppleApp("ABC", "com.bank.app", false));
    }

    @Test
    void matchesAndroidSigningDigestsWhateverTheirHexCase() {
        String digest = "AB".repeat(32);
        AndroidApp app = new AndroidApp("com.bank.app", Set.of(digest));

        assertThat(app.signedWith(HexFormat.of().parseHex(digest))).isTrue();
        assertThat(app.signedWith(new byte[32])).isFalse();
    }

    @Test
    void refusesAnAndroidAppWithoutSigningDigests() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AndroidApp("com.bank.app", Set.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new AndroidApp("com.bank.app", Set.of("not hex")));
    }

    @Test
    void secureEnclaveSatisfiesStrongBoxAndSoftwareSatisfiesOnlySoftware() {
        assertThat(SecurityLevel.SECURE_ENCLAVE.atLeast(SecurityLevel.STRONGBOX)).isTrue();
        assertThat(SecurityLevel.TEE.atLeast(SecurityLevel.STRONGBOX)).isFalse();
        assertThat(SecurityLevel.SOFTWARE.atLeast(SecurityLevel.TEE)).isFalse();
        assertThat(SecurityLevel.SOFTWARE.atLeast(SecurityLevel.SOFTWARE)).isTrue();
    }
}
