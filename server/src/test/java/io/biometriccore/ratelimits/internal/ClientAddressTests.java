package io.biometriccore.ratelimits.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTests {

    @Test
    void anIpv4AddressCountsByItself() {
        assertThat(ClientAddress.of("192.0.2.10").orElseThrow().key()).isEqualTo("192.0.2.10");
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        String one = ClientAddress.of("2001:db8:1:2::1").orElseThrow().key();
        String other = ClientAddress.of("2001:db8:1:2:ffff:ffff:ffff:ffff").orElseThrow().key();

        assertThat(one).isEqualTo(other).isEqualTo("20010db800010002/64");
        assertThat(ClientAddress.of("2001:db8:1:3::1").orElseThrow().key()).isNotEqualTo(one);
    }

    @Test
    void aRemoteAddressThatIsNoLiteralIsNotCounted() {
        assertThat(ClientAddress.of("bank.example")).isEmpty();
        assertThat(ClientAddress.of(null)).isEmpty();
    }
}
