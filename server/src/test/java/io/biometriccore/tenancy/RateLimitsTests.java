package io.biometriccore.tenancy;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.shared.ApiException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitsTests {

    @Test
    void membersLeftOutTakeTheDefaults() {
        RateLimits.Limit failures = new RateLimits.Limit(5, Duration.ofMinutes(2));

        RateLimits limits = RateLimits.withDefaults(null, failures, null, null, null);

        assertThat(limits.addressFailures()).isEqualTo(failures);
        assertThat(limits.addressRequests()).isEqualTo(RateLimits.defaults().addressRequests());
        assertThat(limits.usernameFailures()).isEqualTo(RateLimits.defaults().usernameFailures());
        assertThat(limits.tenantRequests()).isEqualTo(RateLimits.defaults().tenantRequests());
        assertThat(limits.exemptNetworks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 10_000_001})
    void rejectsRequestsOutsideOneToTenMillion(long requests) {
        assertThatThrownBy(() -> new RateLimits.Limit(requests, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requests");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1M", "PT0.5S", "P2D"})
    void rejectsPeriodsOutsideOneSecondToOneDay(String period) {
        assertThatThrownBy(() -> new RateLimits.Limit(10, Duration.parse(period)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "::1/129", "bank.example/24", ""})
    void rejectsExemptNetworksThatAreNotLiteralCidrBlocks(String network) {
        assertThatThrownBy(() -> withExempt(List.of(network)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exemptNetworks");
    }

    @Test
    void exemptsAddressesInsideItsIpv4AndIpv6NetworksOnly() {
        RateLimits limits = withExempt(List.of("10.1.0.0/16", "2001:db8:aa::/48"));

        assertThat(limits.exempts(InetAddress.ofLiteral("10.1.200.7"))).isTrue();
        assertThat(limits.exempts(InetAddress.ofLiteral("10.2.0.1"))).isFalse();
        assertThat(limits.exempts(InetAddress.ofLiteral("2001:db8:aa:1::5"))).isTrue();
        assertThat(limits.exempts(InetAddress.ofLiteral("2001:db8:ab::5"))).isFalse();
    }

    @Test
    void aDefinitionWithAnInvalidLimitIsTenantInvalidNamingTheMember() {
        TenantDefinition definition = new TenantDefinition("bank.example", "Bank", List.of(AllowedOrigin.of("https://bank.example")),
                null, null, null, null, null, new TenantDefinition.Limits(null,
                        new TenantDefinition.Limit(0L, Duration.ofMinutes(1)), null, null, null));

        assertThatThrownBy(() -> definition.toTenant("bank"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertCode(e.problem(), TenancyProblem.TENANT_INVALID))
                .hasMessageContaining("rateLimits.addressFailures");
    }

    @Test
    void aDefinitionWithoutRateLimitsHasTheDefaults() {
        TenantDefinition definition = new TenantDefinition("bank.example", "Bank", List.of(AllowedOrigin.of("https://bank.example")),
                null, null, null, null, null, null);

        assertThat(definition.toTenant("bank").rateLimits()).isEqualTo(RateLimits.defaults());
    }

    private static RateLimits withExempt(List<String> networks) {
        RateLimits d = RateLimits.defaults();
        return new RateLimits(d.addressRequests(), d.addressFailures(), d.usernameFailures(), d.tenantRequests(),
                networks);
    }
}
