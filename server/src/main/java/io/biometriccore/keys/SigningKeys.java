package io.biometriccore.keys;

import io.biometriccore.keys.internal.SigningKeyRepository;
import io.biometriccore.shared.SecureRandoms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys module's facade: the active signing key of each tenant and purpose, rotation without
 * downtime, and the keys that still verify. A tenant's first key is made on first use.
 *
 * <p>Rotation retires the active key and makes a new one. The retired key stays published for a
 * grace period that covers the lifetime of the tokens it signed, then it stops verifying.
 */
@Service
public class SigningKeys {

    /** How long a node keeps signing with the active key it last read; far below any grace period. */
    private static final Duration ACTIVE_KEY_CACHE = Duration.ofSeconds(30);

    private final SigningKeyRepository repository;
    private final KeyProvider provider;
    private final Clock clock;
    private final Map<String, CachedKey> active = new ConcurrentHashMap<>();

    private record CachedKey(SigningKey key, Instant readAt) {
    }

    SigningKeys(SigningKeyRepository repository, KeyProvider provider, Clock clock) {
        this.repository = repository;
        this.provider = provider;
        this.clock = clock;
    }

    /** The key that signs now; created on first use, under a lock of the tenant and purpose. */
    @Transactional
    public SigningKey active(String tenantId, KeyPurpose purpose) {
        String cacheKey = tenantId + "/" + purpose;
        Instant now = clock.instant();
        CachedKey cached = active.get(cacheKey);
        if (cached != null && now.isBefore(cached.readAt().plus(ACTIVE_KEY_CACHE))) {
            return cached.key();
        }
        PublishedKey key = repository.findActive(tenantId, purpose).orElseGet(() -> {
            repository.lockKeyCreation(tenantId, purpose);
            return repository.findActive(tenantId, purpose).orElseGet(() -> create(tenantId, purpose, now));
        });
        SigningKey signing = new SigningKey(key.kid(), provider.signer(tenantId, key.kid()));
        active.put(cacheKey, new CachedKey(signing, now));
        return signing;
    }

    /**
     * Retires the active key, keeping it published for {@code grace}, and makes a new active key.
     *
     * @return the new active key
     */
    @Transactional
    public PublishedKey rotate(String tenantId, KeyPurpose purpose, Duration grace) {
        Instant now = clock.instant();
        repository.lockKeyCreation(tenantId, purpose);
        repository.retireActive(tenantId, purpose, now, now.plus(grace));
        active.remove(tenantId + "/" + purpose);
        return create(tenantId, purpose, now);
    }

    /** The keys that verify now, for the JWKS: the active key and retired keys within their grace. */
    @Transactional(readOnly = true)
    public List<PublishedKey> published(String tenantId, KeyPurpose purpose) {
        Instant now = clock.instant();
        return repository.list(tenantId, purpose).stream().filter(k -> k.verifiesAt(now)).toList();
    }

    /** Every key of the tenant and purpose, newest first, including those past their grace. */
    @Transactional(readOnly = true)
    public List<PublishedKey> all(String tenantId, KeyPurpose purpose) {
        return repository.list(tenantId, purpose);
    }

    /** The key {@code kid} of this tenant and purpose, if it verifies now. */
    @Transactional(readOnly = true)
    public Optional<PublishedKey> verificationKey(String tenantId, KeyPurpose purpose, String kid) {
        return repository.find(tenantId, purpose, kid).filter(k -> k.verifiesAt(clock.instant()));
    }

    private PublishedKey create(String tenantId, KeyPurpose purpose, Instant now) {
        String kid = SecureRandoms.base64Url(12);
        PublishedKey key = new PublishedKey(kid, tenantId, purpose, KeyStatus.ACTIVE,
                provider.generate(tenantId, kid).toPublicJWK(), now, null, null);
        repository.insert(key);
        return key;
    }
}
