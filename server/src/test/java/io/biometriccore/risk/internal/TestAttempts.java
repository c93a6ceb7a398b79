package io.biometriccore.risk.internal;

import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.credentials.Credential;
import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.tenancy.DecisionFacts;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Attempts the signals' unit tests build: a sign-in of one customer with one credential, changed by {@code with...}. */
final class TestAttempts {

    static final Instant NOW = Instant.parse("2026-12-01T14:30:00Z");
    static final UUID CUSTOMER = UUID.fromString("6f1f3c52-1d5e-4a7e-9d55-0f6c2b7d9a10");
    static final byte[] CREDENTIAL_ID = {1, 2, 3, 4, 5, 6, 7, 8};
    static final String CREDENTIAL = Base64Url.encode(CREDENTIAL_ID);
    static final Coordinates FRANKFURT = new Coordinates(50.1109, 8.6821);
    static final Coordinates TOKYO = new Coordinates(35.6762, 139.6503);
    static final Coordinates MAINZ = new Coordinates(49.9929, 8.2473);
    static final Place IN_FRANKFURT = new Place(Place.Source.IP_DATABASE, FRANKFURT, "DE", "AS64500");

    private TestAttempts() {
    }

    static Credential credential(long signCount) {
        return new Credential("bank", CREDENTIAL_ID, CUSTOMER, UUID.randomUUID(), new byte[] {1}, -7, signCount,
                UUID.randomUUID(), Set.of(), true, false, false, "packed", AttestationTrust.TRUSTED,
                CredentialStatus.ACTIVE, NOW.minusSeconds(86_400));
    }

    static DecisionFacts facts(String trust, boolean backupEligible, Set<String> statuses) {
        return DecisionFacts.of(UUID.randomUUID(), "packed", trust, true, backupEligible, false, !backupEligible,
                statuses);
    }

    static RiskAttempt signIn() {
        return attempt(RiskAction.SIGN_IN, credential(10), 11, IN_FRANKFURT, null, CustomerHistory.NONE, NOW);
    }

    static RiskAttempt attempt(RiskAction action, @Nullable Credential credential, long signCount, Place place,
            @Nullable Place requester, CustomerHistory history, Instant at) {
        return new RiskAttempt("bank", action, at, CUSTOMER, credential, facts("trusted", false, Set.of("FIDO_CERTIFIED")),
                signCount, "203.0.113.7", "test", place, null, requester, history);
    }

    static RiskAttempt withAuthenticator(RiskAttempt a, DecisionFacts facts) {
        return new RiskAttempt(a.tenantId(), a.action(), a.at(), a.customerId(), a.credential(), facts, a.signCount(),
                a.clientIp(), a.userAgent(), a.place(), a.posture(), a.requesterPlace(), a.history());
    }

    static RiskAttempt withAction(RiskAttempt a, RiskAction action) {
        return new RiskAttempt(a.tenantId(), action, a.at(), a.customerId(),
                action == RiskAction.REGISTER ? null : a.credential(), a.authenticator(), a.signCount(), a.clientIp(),
                a.userAgent(), a.place(), a.posture(), a.requesterPlace(), a.history());
    }

    static RiskAttempt withClient(RiskAttempt a, @Nullable UUID customer, @Nullable String ip) {
        return new RiskAttempt(a.tenantId(), a.action(), a.at(), customer, a.credential(), a.authenticator(),
                a.signCount(), ip, a.userAgent(), a.place(), a.posture(), a.requesterPlace(), a.history());
    }

    /** A history of {@code successes}, the latest at {@code lastAt} from {@code lastPlace}. */
    static CustomerHistory history(long successes, @Nullable Instant lastAt, @Nullable Place lastPlace,
            Set<String> networks, Set<String> countries, Set<String> credentials) {
        return new CustomerHistory(successes, lastAt, lastPlace, networks, countries, credentials,
                Collections.nCopies(24, 0L));
    }

    /** A history of successes all at {@code hours} (UTC), {@code each} at every one of them. */
    static CustomerHistory historyAt(long each, int... hours) {
        Long[] counts = Collections.nCopies(24, 0L).toArray(Long[]::new);
        for (int hour : hours) {
            counts[hour] = each;
        }
        return new CustomerHistory(each * hours.length, NOW.minusSeconds(86_400), null, Set.of(), Set.of(), Set.of(),
                List.of(counts));
    }
}
