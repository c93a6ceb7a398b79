package io.biometriccore.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tenant's signing policy: thresholds per ISO 4217 currency in minor units, https merchant origins, a retention. */
class SigningPolicyTests {

    @Test
    void defaultsToNoThresholdAndTenYearsOfEvidence() {
        SigningPolicy defaults = SigningPolicy.withDefaults(null, null, null);

        assertThat(defaults.evidenceRetention()).isEqualTo(Period.ofYears(10));
        assertThat(defaults.requiresDeviceBound("EUR", Long.MAX_VALUE)).isFalse();
    }

    @Test
    void requiresADeviceBoundPasskeyOnlyAboveTheCurrencysThreshold() {
        SigningPolicy policy = new SigningPolicy(Map.of("EUR", 100000L), List.of(), Period.ofYears(10));

        assertThat(policy.requiresDeviceBound("EUR", 100000)).isFalse();
        assertThat(policy.requiresDeviceBound("EUR", 100001)).isTrue();
        assertThat(policy.requiresDeviceBound("USD", 100001)).isFalse();
    }

    @Test
    void refusesWhatIsNotACurrencyAnAmountAnOriginOrARetention() {
        assertThatThrownBy(() -> new SigningPolicy(Map.of("EURO", 1L), List.of(), Period.ofYears(1)))
                .hasMessageContaining("signing.deviceBoundAbove: EURO");
        assertThatThrownBy(() -> new SigningPolicy(Map.of("EUR", -1L), List.of(), Period.ofYears(1)))
                .hasMessageContaining("signing.deviceBoundAbove.EUR");
        assertThatThrownBy(() -> new SigningPolicy(Map.of(), List.of("http://shop.example"), Period.ofYears(1)))
                .hasMessageContaining("signing.spcMerchantOrigins");
        assertThatThrownBy(() -> new SigningPolicy(Map.of(), List.of("https://shop.example/pay"), Period.ofYears(1)))
                .hasMessageContaining("signing.spcMerchantOrigins");
        assertThatThrownBy(() -> new SigningPolicy(Map.of(), List.of(), Period.ZERO))
                .hasMessageContaining("signing.evidenceRetention");
        assertThatThrownBy(() -> new SigningPolicy(Map.of(), List.of(), Period.ofYears(101)))
                .hasMessageContaining("signing.evidenceRetention");
    }

    @Test
    void normalisesMerchantOriginsAsTheBrowserSerialisesThem() {
        SigningPolicy policy = new SigningPolicy(Map.of(), List.of("HTTPS://Shop.Example:443/", "https://shop.example",
                "https://pay.example:8443"), Period.ofYears(1));

        assertThat(policy.spcMerchantOrigins()).containsExactly("https://shop.example", "https://pay.example:8443");
        assertThat(policy.allowsSpcMerchant("https://shop.example")).isTrue();
        assertThat(policy.allowsSpcMerchant("https://evil.example")).isFalse();
        assertThat(SigningPolicy.spcOrigin("https://Shop.example/", "spc.payeeOrigin")).isEqualTo("https://shop.example");
        assertThatThrownBy(() -> SigningPolicy.spcOrigin("https://shop.example?x=1", "spc.payeeOrigin"))
                .hasMessage("spc.payeeOrigin must be https://host[:port]");
        assertThatThrownBy(() -> SigningPolicy.spcOrigin("https://user@shop.example", "spc.payeeOrigin"))
                .hasMessage("spc.payeeOrigin must be https://host[:port]");
    }
}
