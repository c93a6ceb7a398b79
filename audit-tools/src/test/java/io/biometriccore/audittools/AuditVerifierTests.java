package io.biometriccore.audittools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each way of tampering with a stored log is found, named by its kind, event and place. */
class AuditVerifierTests {

    private final SealedLog log = SealedLog.create("bank").append(4).seal().append(3).seal();

    @Test
    void anUntouchedLogIsIntact() {
        VerificationReport report = AuditVerifier.verify(log.snapshot(), log.keys());

        assertThat(report.intact()).isTrue();
        assertThat(report.events()).isEqualTo(7);
        assertThat(report.leaves()).isEqualTo(7);
        assertThat(report.treeHeads()).isEqualTo(2);
    }

    @Test
    void eventsNewerThanTheLatestHeadAreNotJudged() {
        log.append(2);

        assertThat(AuditVerifier.verify(log.snapshot(), log.keys()).intact()).isTrue();
    }

    @Test
    void findsLeavesThatNoSignedHeadCovers() {
        List<TreeHead> allButLast = log.heads().subList(0, 1);

        VerificationReport report = AuditVerifier.verify(
                new AuditSnapshot("bank", log.snapshot().events(), log.leaves(), allButLast), log.keys());

        assertThat(report.first()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.INSERTED);
            assertThat(f.leafIndex()).isEqualTo(4L);
            assertThat(f.eventId()).isEqualTo(50L);
        });
    }

    @Test
    void aLogWhoseHeadsWereAllRemovedIsNotIntact() {
        VerificationReport report = AuditVerifier.verify(
                new AuditSnapshot("bank", log.snapshot().events(), log.leaves(), List.of()), log.keys());

        assertThat(report.intact()).isFalse();
        assertThat(report.first()).hasValueSatisfying(f -> assertThat(f.leafIndex()).isZero());
    }

    @Test
    void findsAnEventAppendedAfterTheSealedOnesButBackdated() {
        log.later(Duration.ofMinutes(30)).seal();
        log.add(SealedLog.event(999, "bank", Instant.parse("2026-03-02T09:00:30Z")));

        VerificationReport report = AuditVerifier.verify(log.snapshot(), log.keys());

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.INSERTED);
            assertThat(f.eventId()).isEqualTo(999L);
        });
    }

    @Test
    void aHeadSignedAtASubMillisecondTimeStillVerifiesAfterTheDatabaseRoundsIt() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        TreeHead signed = TreeHead.sign("bank", 1, new byte[32], Instant.parse("2026-03-02T09:00:48.754999600Z"), "k",
                new ECDSASigner(key));
        Instant storedByPostgres = Instant.ofEpochSecond(signed.timestamp().getEpochSecond(),
                Math.round(signed.timestamp().getNano() / 1000.0) * 1000);

        TreeHead read = new TreeHead("bank", 1, new byte[32], storedByPostgres, signed.jws());

        assertThat(read.signatureValid(new JWKSet(key.toPublicJWK()))).isTrue();
    }

    @Test
    void findsAModifiedEvent() {
        AuditSnapshot tampered = log.mapEvents(e -> e.id() == 30 ? SealedLog.withReason(e, "forged") : e);

        VerificationReport report = AuditVerifier.verify(tampered, log.keys());

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.MODIFIED);
            assertThat(f.eventId()).isEqualTo(30L);
            assertThat(f.leafIndex()).isEqualTo(2L);
        });
    }

    @Test
    void findsADeletedEvent() {
        AuditSnapshot tampered = new AuditSnapshot("bank",
                log.snapshot().events().stream().filter(e -> e.id() != 50).toList(), log.leaves(), log.heads());

        VerificationReport report = AuditVerifier.verify(tampered, log.keys());

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.DELETED);
            assertThat(f.eventId()).isEqualTo(50L);
            assertThat(f.leafIndex()).isEqualTo(4L);
        });
    }

    @Test
    void findsAnEventInsertedAmongSealedOnes() {
        SealedLog hourly = SealedLog.create("bank").append(4).seal().later(Duration.ofHours(1)).append(3).seal();
        hourly.add(SealedLog.event(25, "bank", hourly.snapshot().events().get(1).occurredAt().plusMillis(1)));

        VerificationReport report = AuditVerifier.verify(hourly.snapshot(), hourly.keys());

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.INSERTED);
            assertThat(f.eventId()).isEqualTo(25L);
            assertThat(f.leafIndex()).isNull();
        });
    }

    @Test
    void findsAnInsertedEventEvenOnceTheSealerHasSealedIt() {
        SealedLog hourly = SealedLog.create("bank").append(4).seal().later(Duration.ofHours(1)).append(3).seal();
        hourly.add(SealedLog.event(25, "bank", hourly.snapshot().events().get(1).occurredAt().plusMillis(1))).seal();

        VerificationReport report = AuditVerifier.verify(hourly.snapshot(), hourly.keys());

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.INSERTED);
            assertThat(f.eventId()).isEqualTo(25L);
            assertThat(f.leafIndex()).isEqualTo(7L);
        });
    }

    @Test
    void anEventCommittedAfterLaterOnesWithinTheGraceIsNotInserted() {
        log.add(SealedLog.event(25, "bank", log.snapshot().events().get(1).occurredAt().plusMillis(1)));

        assertThat(AuditVerifier.verify(log.snapshot(), log.keys()).intact()).as("pending").isTrue();
        assertThat(AuditVerifier.verify(log.seal().snapshot(), log.keys()).intact()).as("sealed").isTrue();
        assertThat(AuditVerifier.verify(log.snapshot(), log.keys(), Duration.ZERO).findings())
                .extracting(Finding::kind, Finding::eventId).containsExactly(tuple(Finding.Kind.INSERTED, 25L));
    }

    @Test
    void findsAnEventSealedTwice() {
        log.sealAgain(1);

        VerificationReport report = AuditVerifier.verify(log.snapshot(), log.keys());

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.INSERTED);
            assertThat(f.eventId()).isEqualTo(20L);
            assertThat(f.leafIndex()).isEqualTo(7L);
            assertThat(f.detail()).contains("leaf 1");
        });
    }

    @Test
    void findsTwoSwappedEventsAsReordered() {
        AuditEntry second = log.snapshot().events().get(1);
        AuditEntry sixth = log.snapshot().events().get(5);
        AuditSnapshot tampered = log.mapEvents(e -> e.id() == second.id() ? SealedLog.withId(sixth, second.id())
                : e.id() == sixth.id() ? SealedLog.withId(second, sixth.id()) : e);

        VerificationReport report = AuditVerifier.verify(tampered, log.keys());

        assertThat(report.findings()).extracting(Finding::kind)
                .containsExactly(Finding.Kind.REORDERED, Finding.Kind.REORDERED);
        assertThat(report.first()).get().satisfies(f -> {
            assertThat(f.eventId()).isEqualTo(second.id());
            assertThat(f.leafIndex()).isEqualTo(1L);
            assertThat(f.detail()).contains("leaf 5");
        });
    }

    @Test
    void findsAHeadSignedByAnotherKey() {
        JWKSet strangers = SealedLog.create("bank").keys();

        VerificationReport report = AuditVerifier.verify(log.snapshot(), strangers);

        assertThat(report.findings()).extracting(Finding::kind)
                .containsExactly(Finding.Kind.TREE_HEAD_INVALID, Finding.Kind.TREE_HEAD_INVALID, Finding.Kind.INSERTED);
    }

    @Test
    void findsLeavesThatNoLongerHashToTheSignedRoot() {
        List<SealedLeaf> leaves = new ArrayList<>(log.leaves());
        AuditEntry forged = SealedLog.withReason(log.snapshot().events().get(6), "forged");
        leaves.set(6, new SealedLeaf(6, forged.id(), forged.leafHash(6)));
        AuditSnapshot tampered = new AuditSnapshot("bank",
                log.mapEvents(e -> e.id() == forged.id() ? forged : e).events(), leaves, log.heads());

        VerificationReport report = AuditVerifier.verify(tampered, log.keys());

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.TREE_HEAD_MISMATCH);
            assertThat(f.leafIndex()).isEqualTo(7L);
        });
    }

    /**
     * A tenant's log as the sealer would have written it: events with ids 10, 20, …, leaves in id order,
     * and a head signed by the tenant's audit key after every {@link #seal()}.
     */
    static final class SealedLog {

        private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

        private final String tenantId;
        private final ECKey key;
        private final List<AuditEntry> events = new ArrayList<>();
        private final List<SealedLeaf> leaves = new ArrayList<>();
        private final List<TreeHead> heads = new ArrayList<>();
        private final Frontier tree = Frontier.empty();
        private Instant now = START;
        private long nextId = 10;

        private SealedLog(String tenantId, ECKey key) {
            this.tenantId = tenantId;
            this.key = key;
        }

        static SealedLog create(String tenantId) {
            try {
                return new SealedLog(tenantId, new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
                        .generate());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Adds {@code count} events a second apart, not sealed yet. */
        SealedLog append(int count) {
            for (int i = 0; i < count; i++) {
                now = now.plusSeconds(1);
                add(event(nextId, tenantId, now));
                nextId += 10;
            }
            return this;
        }

        /** Adds an event as it is, not sealed yet: one of the server's, or one inserted behind its back. */
        SealedLog add(AuditEntry event) {
            events.add(event);
            return this;
        }

        /** Lets time pass before the next event or head. */
        SealedLog later(Duration duration) {
            now = now.plus(duration);
            return this;
        }

        /** Seals every unsealed event, in the order added, and signs a head a second later. */
        SealedLog seal() {
            while (tree.size() < events.size()) {
                AuditEntry event = events.get((int) tree.size());
                byte[] hash = event.leafHash(tree.size());
                leaves.add(new SealedLeaf(tree.size(), event.id(), hash));
                tree.append(hash);
            }
            return signHead();
        }

        /** Seals the event at {@code position} once more, as a faulty sealer would, and signs a head. */
        SealedLog sealAgain(int position) {
            AuditEntry event = events.get(position);
            byte[] hash = event.leafHash(tree.size());
            leaves.add(new SealedLeaf(tree.size(), event.id(), hash));
            tree.append(hash);
            return signHead();
        }

        private SealedLog signHead() {
            try {
                now = now.plusSeconds(1);
                heads.add(TreeHead.sign(tenantId, tree.size(), tree.root(), now, key.getKeyID(),
                        new ECDSASigner(key)));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        AuditSnapshot snapshot() {
            return new AuditSnapshot(tenantId, events, leaves, heads);
        }

        List<SealedLeaf> leaves() {
            return List.copyOf(leaves);
        }

        List<TreeHead> heads() {
            return List.copyOf(heads);
        }

        /** The log with its events changed as the database would show them after tampering. */
        AuditSnapshot mapEvents(UnaryOperator<AuditEntry> tamper) {
            return new AuditSnapshot(tenantId, events.stream().map(tamper).toList(), leaves, heads);
        }

        /** The public half of the audit key. */
        JWKSet keys() {
            return new JWKSet(key.toPublicJWK());
        }

        static AuditEntry event(long id, String tenantId, Instant at) {
            UUID customer = UUID.nameUUIDFromBytes(("customer" + id).getBytes(StandardCharsets.UTF_8));
            return new AuditEntry(id, tenantId, at, "authentication.succeeded", "authentication", "success", null,
                    "customer", customer.toString(), customer, UUID.randomUUID(), "Y3JlZGVudGlhbA", null, "web",
                    "corr-" + id, UUID.randomUUID(), new byte[] {1, 2, (byte) id}, null, null);
        }

        static AuditEntry withReason(AuditEntry e, String reason) {
            return new AuditEntry(e.id(), e.tenantId(), e.occurredAt(), e.eventType(), e.eventClass(), e.outcome(),
                    reason, e.actorType(), e.actorId(), e.customerId(), e.deviceId(), e.credentialId(), e.sessionId(),
                    e.channel(), e.correlationId(), e.networkKeyId(), e.networkData(), e.personalKeyId(),
                    e.personalData());
        }

        static AuditEntry withId(AuditEntry e, long id) {
            return new AuditEntry(id, e.tenantId(), e.occurredAt(), e.eventType(), e.eventClass(), e.outcome(),
                    e.reason(), e.actorType(), e.actorId(), e.customerId(), e.deviceId(), e.credentialId(),
                    e.sessionId(), e.channel(), e.correlationId(), e.networkKeyId(), e.networkData(),
                    e.personalKeyId(), e.personalData());
        }
    }
}
