package io.biometriccore.tenancy;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.shared.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/** WebAuthn L3 §5.11 related origins in a tenant definition (ADR 0029). */
class RelatedOriginsTests {

    @ParameterizedTest
    @CsvSource({"https://bank.example,bank", "https://login.bank.co.uk,bank", "https://www.bank-brand.de:8443,bank-brand",
            "https://shop.github.io,shop"})
    void theLabelIsTheRegistrableDomainBeforeItsPublicSuffix(String origin, String label) {
        assertThat(RelatedOrigins.label(origin)).isEqualTo(label);
    }

    @Test
    void aRelatedOriginMayLieOutsideTheRpIdAndIsStillAnAllowedOrigin() {
        Tenant tenant = define(List.of("https://login.bank.example", related("https://bank-brand.de"))).toTenant("bank");

        assertThat(tenant.allowedOrigins()).containsExactly("https://login.bank.example", "https://bank-brand.de");
        assertThat(tenant.relatedOrigins()).containsExactly("https://bank-brand.de");
        assertThat(RelatedOriginsDocument.of(tenant).origins()).containsExactly("https://bank-brand.de");
    }

    @Test
    void anOriginOutsideTheRpIdThatIsNotMarkedRelatedIsTenantInvalid() {
        assertInvalid(define(List.of("https://bank-brand.de")), "is not within rpId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://bank-brand.de", "http://localhost:8080", "https://bank-brand.de/login",
            "https://Bank-Brand.de", "android:apk-key-hash:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aRelatedOriginThatIsNotABareLowerCaseHttpsOriginIsTenantInvalid(String origin) {
        assertInvalid(define(List.of("https://bank.example", related(origin))), "allowedOrigins");
    }

    @Test
    void aRelatedOriginOnAPublicSuffixIsTenantInvalid() {
        assertInvalid(define(List.of("https://bank.example", related("https://github.io"))), "no registrable domain");
    }

    @Test
    void fiveRegistrableDomainLabelsAreAccepted() {
        assertThat(define(brands(5)).toTenant("bank").relatedOrigins()).hasSize(6);
    }

    @Test
    void aSixthRegistrableDomainLabelIsTenantInvalidBecauseBrowsersWouldIgnoreIt() {
        assertInvalid(define(brands(6)), "browsers use at most 5");
    }

    @Test
    void aDefinitionOfOriginsAsStringsOnlyHasNoRelatedOrigins() {
        Tenant tenant = define(List.of("https://bank.example")).toTenant("bank");

        assertThat(tenant.relatedOrigins()).isEmpty();
        assertThat(RelatedOriginsDocument.of(tenant).origins()).isEmpty();
    }

    @Test
    void webOriginsLeaveOutAndroidAppOrigins() {
        String app = "android:apk-key-hash:" + "A".repeat(43);
        Tenant tenant = define(List.of("https://bank.example", app, related("https://bank-brand.de"))).toTenant("bank");

        assertThat(tenant.webOrigins()).containsExactly("https://bank.example", "https://bank-brand.de");
    }

    @Test
    void aSeedFileInYamlMayMixPlainAndRelatedOrigins() {
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load("""
                rpId: acme.example
                rpName: Acme Bank
                allowedOrigins:
                  - https://acme.example
                  - {origin: https://acme-brand.example, related: true}
                """);

        Tenant tenant = JsonMapper.builder().build().convertValue(yaml, TenantDefinition.class).toTenant("acme");

        assertThat(tenant.allowedOrigins()).containsExactly("https://acme.example", "https://acme-brand.example");
        assertThat(tenant.relatedOrigins()).containsExactly("https://acme-brand.example");
    }

    /** One related origin per brand label, and a second one under the first label, which adds none. */
    private static List<Object> brands(int labels) {
        List<Object> origins = new ArrayList<>(List.of("https://bank.example"));
        IntStream.range(0, labels).forEach(i -> origins.add(related("https://brand" + i + ".example")));
        origins.add(related("https://www.brand0.co.uk"));
        return origins;
    }

    private static AllowedOrigin related(String origin) {
        return new AllowedOrigin(origin, true);
    }

    private static TenantDefinition define(List<Object> origins) {
        List<AllowedOrigin> allowed = origins.stream()
                .map(o -> o instanceof AllowedOrigin a ? a : AllowedOrigin.of((String) o)).toList();
        return new TenantDefinition("bank.example", "Bank", allowed, null, null, null, null, null, null);
    }

    private static void assertInvalid(TenantDefinition definition, String detail) {
        assertThatThrownBy(() -> definition.toTenant("bank")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertCode(e.problem(), TenancyProblem.TENANT_INVALID);
            assertThat(e.getMessage()).contains(detail);
        });
    }
}
