package io.biometriccore.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressPrefixTests {

    @Test
    void anIpv4AddressBelongsToItsSlash24() {
        assertThat(AddressPrefix.of("203.0.113.77")).contains("203.0.113.0/24");
    }

    @Test
    void anIpv6AddressBelongsToItsSlash48() {
        assertThat(AddressPrefix.of("2001:db8:1:2:3:4:5:6")).contains("2001:db8:1::/48");
    }

    @Test
    void aHostNameIsNeverResolved() {
        assertThat(AddressPrefix.of("example.com")).isEmpty();
        assertThat(AddressPrefix.of(null)).isEmpty();
        assertThat(AddressPrefix.of("")).isEmpty();
    }
}
