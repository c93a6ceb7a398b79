package io.biometriccore.metadata.internal;

import com.webauthn4j.metadata.exception.MDSException;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import io.biometriccore.metadata.MetadataProblem;
import io.biometriccore.shared.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BLOB in force on this node, and its refresh. A new BLOB is taken only if it verifies, has a
 * higher {@code no} than the last good one, and is not already past {@code nextUpdate} plus the grace;
 * otherwise the last good one stays, and the failure is counted, audited and shown in health.
 */
public class MetadataBlobs implements AuthenticatorMetadata {

    private static final Logger log = LoggerFactory.getLogger(MetadataBlobs.class);

    /** What the last refresh attempt did. */
    enum Outcome { LOADED, UNREACHABLE, REJECTED }

    record Attempt(Outcome outcome, Instant at, @Nullable String reason) {
    }

    private final MdsProperties properties;
    private final @Nullable BlobVerifier verifier;
    private final StoredBlobs stored;
    private final MdsEvents events;
    private final Clock clock;
    private final AtomicReference<@Nullable LoadedBlob> current = new AtomicReference<>();
    private final AtomicReference<@Nullable Attempt> lastAttempt = new AtomicReference<>();

    MetadataBlobs(MdsProperties properties, @Nullable BlobVerifier verifier, StoredBlobs stored, MdsEvents events,
            Clock clock) {
        this.properties = properties;
        this.verifier = verifier;
        this.stored = stored;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Optional<MetadataEntry> findByAaguid(UUID aaguid) {
        return inForce().map(b -> b.byAaguid().get(aaguid));
    }

    @Override
    public Optional<MetadataEntry> findByAttestationCertificateKeyIdentifier(String keyIdentifier) {
        return inForce().map(b -> b.byKeyIdentifier().get(keyIdentifier.toLowerCase(Locale.ROOT)));
    }

    Optional<LoadedBlob> inForce() {
        LoadedBlob blob = current.get();
        return blob != null && blob.inForce(clock.instant(), properties.grace()) ? Optional.of(blob) : Optional.empty();
    }

    Optional<LoadedBlob> current() {
        return Optional.ofNullable(current.get());
    }

    Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(lastAttempt.get());
    }

    boolean configured() {
        return verifier != null;
    }

    /**
     * Takes a newer BLOB stored by another node (or before a restart) into force. A stored BLOB is
     * verified again: the database is not the trust anchor.
     */
    synchronized void adoptStored() {
        if (verifier == null) {
            return;
        }
        stored.current().filter(s -> newer(s.no())).ifPresent(s -> {
            try {
                current.set(LoadedBlob.of(verifier.verify(s.jws()), s.jws(), clock.instant()));
            } catch (MDSException | IllegalArgumentException e) {
                log.warn("The stored MDS3 BLOB no {} does not verify; ignored: {}", s.no(), e.getMessage());
            }
        });
    }

    /**
     * Reads the source and takes its BLOB into force if it is good and newer.
     *
     * @throws ApiException {@link MetadataProblem} when nothing new came into force
     */
    synchronized LoadedBlob refresh(String trigger) {
        BlobVerifier v = verifier;
        String source = properties.source();
        if (v == null || source == null) {
            throw new ApiException(MetadataProblem.MDS_NOT_CONFIGURED);
        }
        adoptStored();
        String jws;
        try {
            jws = new String(new BlobSource().fetch(source).getBody().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (MDSException | IOException e) {
            throw failed(Outcome.UNREACHABLE, MetadataProblem.MDS_SOURCE_UNREACHABLE, trigger, e.getMessage());
        }
        LoadedBlob blob = verified(v, jws, trigger);
        events.loaded(blob, current.get(), trigger, () -> {
            if (!stored.saveIfNewer(blob.no(), blob.nextUpdate(), jws, blob.loadedAt())) {
                throw failed(Outcome.REJECTED, MetadataProblem.MDS_BLOB_REJECTED, trigger,
                        "a BLOB with no " + blob.no() + " or higher is stored already");
            }
        });
        current.set(blob);
        lastAttempt.set(new Attempt(Outcome.LOADED, blob.loadedAt(), null));
        log.info("MDS3 BLOB no {} in force, next update {}", blob.no(), blob.nextUpdate());
        return blob;
    }

    private LoadedBlob verified(BlobVerifier v, String jws, String trigger) {
        Instant now = clock.instant();
        LoadedBlob blob;
        try {
            blob = LoadedBlob.of(v.verify(jws), jws, now);
        } catch (MDSException | IllegalArgumentException e) {
            throw failed(Outcome.REJECTED, MetadataProblem.MDS_BLOB_REJECTED, trigger, "it does not verify: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            // webauthn4j's parsers throw their own unchecked exceptions for a BLOB that is not a JWS.
            throw failed(Outcome.REJECTED, MetadataProblem.MDS_BLOB_REJECTED, trigger, "it cannot be parsed");
        }
        if (!newer(blob.no())) {
            throw failed(Outcome.REJECTED, MetadataProblem.MDS_BLOB_REJECTED, trigger,
                    "its no " + blob.no() + " is not above the BLOB in force");
        }
        if (!blob.inForce(now, properties.grace())) {
            throw failed(Outcome.REJECTED, MetadataProblem.MDS_BLOB_REJECTED, trigger,
                    "its nextUpdate " + blob.nextUpdate() + " is past the grace");
        }
        return blob;
    }

    private boolean newer(int no) {
        LoadedBlob blob = current.get();
        return blob == null || no > blob.no();
    }

    private ApiException failed(Outcome outcome, MetadataProblem problem, String trigger, @Nullable String why) {
        String detail = "The MDS3 BLOB was not taken: " + why;
        lastAttempt.set(new Attempt(outcome, clock.instant(), problem.definition().code()));
        events.rejected(problem, trigger);
        log.warn("{} ({}); the last good BLOB stays in force", detail, trigger);
        return new ApiException(problem, detail);
    }
}
