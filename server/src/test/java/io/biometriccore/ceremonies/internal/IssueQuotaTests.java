package io.biometriccore.ceremonies.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A shared store's per-node cap: at most {@code max} issues in any window as long as a ceremony lives. */
class IssueQuotaTests {

    /** Thirty seconds into a slot, so that a test knows where the slot boundaries are. */
    private final MutableClock clock = new MutableClock();

    private IssueQuota quota(int max) {
        long millis = clock.millis();
        clock.advance(Duration.ofMillis(IssueQuota.SLOT.toMillis() - millis % IssueQuota.SLOT.toMillis()
                + 30_000));
        return new IssueQuota(max, clock);
    }

    @Test
    void admitsUpToTheCapThenRefuses() {
        IssueQuota quota = quota(3);

        assertThat(quota.admit()).isEmpty();
        assertThat(quota.admit()).isEmpty();
        assertThat(quota.admit()).isEmpty();
        assertThat(quota.admit()).isPresent();
    }

    @Test
    void refusesForAsLongAsTheIssuesCouldStillBeLive() {
        IssueQuota quota = quota(2);
        quota.admit();
        quota.admit();

        clock.advance(IssueQuota.WINDOW.minus(IssueQuota.SLOT));
        assertThat(quota.admit()).as("eleven slots on, the first issues may still be live").isPresent();
        clock.advance(IssueQuota.SLOT);
        assertThat(quota.admit()).as("twelve slots on, they are past the longest ceremony").isEmpty();
    }

    @Test
    void aRefusalSaysWhenTheOldestIssuesLeaveTheWindow() {
        IssueQuota quota = quota(1);
        quota.admit();
        clock.advance(Duration.ofMinutes(3));

        assertThat(quota.admit()).hasValue(IssueQuota.WINDOW.minus(Duration.ofMinutes(3)).minusSeconds(30));
    }

    @Test
    void issuesSpreadOverTheWindowAreAllCounted() {
        IssueQuota quota = quota(IssueQuota.SLOTS);
        for (int slot = 0; slot < IssueQuota.SLOTS; slot++) {
            assertThat(quota.admit()).isEmpty();
            clock.advance(IssueQuota.SLOT);
        }
        clock.advance(IssueQuota.SLOT.negated());

        assertThat(quota.admit()).isPresent();
        clock.advance(IssueQuota.SLOT);
        assertThat(quota.admit()).as("the first slot left the window").isEmpty();
        assertThat(quota.admit()).isPresent();
    }

    @Test
    void refusesACapBelowOne() {
        assertThatThrownBy(() -> new IssueQuota(0, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-pending");
    }
}
