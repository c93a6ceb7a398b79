package io.biometriccore.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevocationReasonTests {

    @Test
    void everyReasonHasItsOwnWireName() {
        List<String> wireNames = Arrays.stream(RevocationReason.values()).map(RevocationReason::wireName).toList();

        assertThat(wireNames).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).matches("[a-z_]{1,32}"));
    }

    @Test
    void everyReasonIsFoundAgainByItsWireName() {
        assertThat(RevocationReason.values())
                .allSatisfy(reason -> assertThat(RevocationReason.fromWire(reason.wireName())).contains(reason));
    }

    @Test
    void aReasonThisVersionDoesNotKnowIsNone() {
        assertThat(RevocationReason.fromWire("device_lost")).isEmpty();
        assertThat(RevocationReason.fromWire("REVOKED_BY_BANK")).isEmpty();
    }
}
