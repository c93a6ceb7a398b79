package io.biometriccore.ceremonies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The single-node store holds at most its cap, evicts expired ceremonies before refusing, and loses nothing. */
class InMemoryChallengeStoreTests {

    private final MutableClock clock = new MutableClock();
    private final InMemoryChallengeStore store = new InMemoryChallengeStore(3, clock);

    @Test
    void refusesASaveBeyondTheCapAndKeepsWhatItHolds() {
        List<PendingCeremony> held = IntStream.range(0, 3).mapToObj(i -> pending(Duration.ofMinutes(5))).toList();
        held.forEach(c -> assertThat(store.save(c)).isEmpty());

        PendingCeremony refused = pending(Duration.ofMinutes(5));
        assertThat(store.save(refused)).hasValue(new ChallengeStore.Full(InMemoryChallengeStore.SWEEP_INTERVAL));

        assertThat(store.takeByChallenge("bank", CeremonyType.AUTHENTICATION, refused.challenge())).isEmpty();
        held.forEach(c -> assertThat(store.takeByChallenge("bank", CeremonyType.AUTHENTICATION, c.challenge()))
                .isPresent());
    }

    @Test
    void aTakeMakesRoomForTheNextSave() {
        List<PendingCeremony> held = IntStream.range(0, 3).mapToObj(i -> pending(Duration.ofMinutes(5))).toList();
        held.forEach(store::save);

        store.takeByHandle("bank", CeremonyType.AUTHENTICATION, held.getFirst().handle());

        assertThat(store.save(pending(Duration.ofMinutes(5)))).isEmpty();
        assertThat(store.save(pending(Duration.ofMinutes(5)))).isPresent();
    }

    @Test
    void whenFullEvictsExpiredCeremoniesBeforeRefusing() {
        store.save(pending(Duration.ofSeconds(30)));
        store.save(pending(Duration.ofSeconds(30)));
        PendingCeremony live = pending(Duration.ofMinutes(5));
        store.save(live);
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.save(pending(Duration.ofMinutes(5)))).isEmpty();
        assertThat(store.save(pending(Duration.ofMinutes(5)))).isEmpty();
        assertThat(store.save(pending(Duration.ofMinutes(5)))).isPresent();
        assertThat(store.takeByChallenge("bank", CeremonyType.AUTHENTICATION, live.challenge())).isPresent();
    }

    @Test
    void sweepsAFullStoreAtMostOncePerInterval() {
        store.save(pending(Duration.ofSeconds(30)));
        store.save(pending(Duration.ofMinutes(5)));
        store.save(pending(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMillis(29_500));
        assertThat(store.save(pending(Duration.ofMinutes(5)))).as("swept; nothing had expired").isPresent();

        clock.advance(Duration.ofMillis(500));
        assertThat(store.save(pending(Duration.ofMinutes(5)))).as("one has expired, but the sweep is not due")
                .isPresent();
        clock.advance(InMemoryChallengeStore.SWEEP_INTERVAL);
        assertThat(store.save(pending(Duration.ofMinutes(5)))).as("swept again").isEmpty();
    }

    @Test
    void concurrentSavesNeverExceedTheCap() throws Exception {
        InMemoryChallengeStore large = new InMemoryChallengeStore(100, clock);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> saves = IntStream.range(0, 1000)
                    .mapToObj(i -> threads.submit(() -> large.save(pending(Duration.ofMinutes(5))).isEmpty()))
                    .toList();
            long stored = 0;
            for (Future<Boolean> save : saves) {
                stored += save.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(100);
        }
    }

    @Test
    void theTimedPurgeForgetsExpiredCeremoniesAndFreesTheirRoom() {
        store.save(pending(Duration.ofSeconds(30)));
        store.save(pending(Duration.ofSeconds(30)));
        store.save(pending(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.purgeExpired()).isEqualTo(2);
        assertThat(store.save(pending(Duration.ofMinutes(5)))).isEmpty();
        assertThat(store.save(pending(Duration.ofMinutes(5)))).isEmpty();
        assertThat(store.save(pending(Duration.ofMinutes(5)))).isPresent();
    }

    private PendingCeremony pending(Duration timeout) {
        return new PendingCeremony(UUID.randomUUID().toString(), "bank", CeremonyType.AUTHENTICATION,
                CeremonyPurpose.SIGN_IN, UUID.randomUUID().toString(), null, null, null, null, false, List.of(),
                List.of(), clock.instant().plus(timeout), CeremonyContext.NONE);
    }
}
