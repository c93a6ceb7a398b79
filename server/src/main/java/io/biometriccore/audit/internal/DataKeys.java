package io.biometriccore.audit.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.keys.KeyProvider;
import io.biometriccore.shared.SecureRandoms;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Envelope encryption of the audit log's personal fields. A data key (AES-256) exists per tenant,
 * scope (a customer, or {@code system}), purpose ({@code network}, or {@code personal:<event class>})
 * and calendar month; it is stored wrapped by the tenant's key-encryption key through the
 * {@link KeyProvider}. Destroying a key (the wrapped bytes are erased) shreds every field under it.
 * Ciphertext is {@code iv (12) || AES-GCM(field JSON)}, with the key id as associated data.
 */
@Component
public class DataKeys {

    static final String SYSTEM_SCOPE = "system";
    private static final String ERASED = "erased";
    private static final int IV_BYTES = 12;

    /** A data key ready for encryption. */
    record DataKey(UUID id, byte[] key) {
    }

    private final JdbcClient jdbc;
    private final KeyProvider keyProvider;
    private final Clock clock;
    private final Map<String, CachedKey> forEncryption = new ConcurrentHashMap<>();

    /** A key read for encryption, kept briefly: another node may destroy it meanwhile. */
    private record CachedKey(DataKey key, Instant readAt) {
    }

    /** How long a node keeps encrypting with a key it read, before it checks the key still exists. */
    private static final Duration CACHE_FOR = Duration.ofMinutes(1);

    DataKeys(JdbcClient jdbc, KeyProvider keyProvider, Clock clock) {
        this.jdbc = jdbc;
        this.keyProvider = keyProvider;
        this.clock = clock;
    }

    static String scope(@Nullable UUID customerId) {
        return customerId == null ? SYSTEM_SCOPE : customerId.toString();
    }

    /**
     * The key for this month's fields of a scope and purpose, made on first use; empty when it was
     * destroyed (a deleted customer), so that nothing personal is written for that scope any more.
     */
    Optional<DataKey> current(String tenantId, String scope, String purpose) {
        String period = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC)).toString();
        String cacheKey = tenantId + "|" + scope + "|" + purpose + "|" + period;
        CachedKey cached = forEncryption.get(cacheKey);
        if (cached != null && clock.instant().isBefore(cached.readAt().plus(CACHE_FOR))) {
            return Optional.of(cached.key());
        }
        Optional<Stored> stored = stored(tenantId, scope, purpose, period);
        if (stored.isEmpty()) {
            // In the caller's transaction (a second connection per request could exhaust the pool); the
            // key is cached only once that transaction commits, so a rolled-back key is never reused.
            jdbc.sql("""
                    INSERT INTO audit_data_key (id, tenant_id, scope, purpose, period, wrapped_key, created_at)
                    VALUES (:id, :tenant, :scope, :purpose, :period, :wrapped, :now) ON CONFLICT DO NOTHING""")
                    .param("id", UUID.randomUUID()).param("tenant", tenantId).param("scope", scope)
                    .param("purpose", purpose).param("period", period)
                    .param("wrapped", keyProvider.wrap(tenantId, SecureRandoms.bytes(32)))
                    .param("now", utc(clock.instant())).update();
            stored = stored(tenantId, scope, purpose, period);
        }
        Optional<DataKey> key = stored.filter(k -> !k.erased() && k.wrapped() != null)
                .map(k -> new DataKey(k.id(), keyProvider.unwrap(tenantId, k.wrapped())));
        Instant readAt = clock.instant();
        if (key.isEmpty()) {
            forEncryption.remove(cacheKey);
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forEncryption.put(cacheKey, new CachedKey(key.get(), readAt));
                }
            });
        } else {
            forEncryption.put(cacheKey, new CachedKey(key.get(), readAt));
        }
        return key;
    }

    byte[] encrypt(DataKey key, String json) {
        try {
            byte[] iv = SecureRandoms.bytes(IV_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.key(), "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(key.id().toString().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt audit fields", e);
        }
    }

    /** The plaintext JSON, or empty when the key has been destroyed (the fields are shredded). */
    public Optional<String> decrypt(String tenantId, UUID keyId, byte[] ciphertext) {
        return wrapped(tenantId, keyId).map(w -> {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyProvider.unwrap(tenantId, w), "AES"),
                        new GCMParameterSpec(128, ciphertext, 0, IV_BYTES));
                cipher.updateAAD(keyId.toString().getBytes(StandardCharsets.UTF_8));
                return new String(cipher.doFinal(ciphertext, IV_BYTES, ciphertext.length - IV_BYTES),
                        StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Audit fields under key " + keyId + " do not decrypt", e);
            }
        });
    }

    /**
     * The wrapped key, read once per transaction: a page of events shares few keys. Nothing is kept
     * beyond the transaction, so a key destroyed on any node is unreadable from the next one on.
     */
    private Optional<byte[]> wrapped(String tenantId, UUID keyId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return loadWrapped(tenantId, keyId);
        }
        @SuppressWarnings("unchecked")
        Map<String, Optional<byte[]>> read = (Map<String, Optional<byte[]>>) TransactionSynchronizationManager
                .getResource(this);
        if (read == null) {
            Map<String, Optional<byte[]>> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(DataKeys.this);
                }
            });
            read = fresh;
        }
        return read.computeIfAbsent(tenantId + "|" + keyId, k -> loadWrapped(tenantId, keyId));
    }

    private Optional<byte[]> loadWrapped(String tenantId, UUID keyId) {
        return jdbc.sql("SELECT wrapped_key FROM audit_data_key WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", keyId).query((rs, row) -> rs.getBytes("wrapped_key"))
                .list().stream().filter(Objects::nonNull).findFirst();
    }

    /**
     * Crypto-shredding of one scope: every key of the customer is destroyed, and a marker row keeps
     * any key from being made for the scope again.
     */
    int destroyScope(String tenantId, String scope) {
        forEncryption.keySet().removeIf(k -> k.startsWith(tenantId + "|" + scope + "|"));
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO audit_data_key (id, tenant_id, scope, purpose, period, wrapped_key, created_at, destroyed_at)
                VALUES (:id, :tenant, :scope, :erased, '*', NULL, :now, :now) ON CONFLICT DO NOTHING""")
                .param("id", UUID.randomUUID()).param("tenant", tenantId).param("scope", scope)
                .param("erased", ERASED).param("now", utc(now)).update();
        return jdbc.sql("""
                UPDATE audit_data_key SET wrapped_key = NULL, destroyed_at = :now
                 WHERE tenant_id = :tenant AND scope = :scope AND wrapped_key IS NOT NULL""")
                .param("now", utc(clock.instant())).param("tenant", tenantId)
                .param("scope", scope).update();
    }

    /** The month's key of a scope and purpose as stored, or the scope's erasure marker if it has one. */
    private record Stored(boolean erased, UUID id, byte @Nullable [] wrapped) {
    }

    /**
     * One look-up for both: the month's key and the erasure marker of the scope, which wins. Empty when
     * the scope has neither yet.
     */
    private Optional<Stored> stored(String tenantId, String scope, String purpose, String period) {
        List<Stored> rows = jdbc.sql("""
                SELECT purpose, id, wrapped_key FROM audit_data_key
                 WHERE tenant_id = :tenant AND scope = :scope
                   AND ((purpose = :purpose AND period = :period) OR (purpose = :erased AND period = '*'))""")
                .param("tenant", tenantId).param("scope", scope).param("purpose", purpose).param("period", period)
                .param("erased", ERASED)
                .query((rs, row) -> new Stored(ERASED.equals(rs.getString("purpose")), rs.getObject("id", UUID.class),
                        rs.getBytes("wrapped_key")))
                .list();
        return rows.stream().filter(Stored::erased).findFirst().or(() -> rows.stream().findFirst());
    }

    /**
     * The event classes that have live personal-field keys in this tenant. A skip scan over the index of
     * live keys: one index probe per purpose, however many customers and months the tenant has.
     */
    java.util.List<String> personalPurposes(String tenantId) {
        return jdbc.sql("""
                WITH RECURSIVE live (purpose) AS (
                    SELECT MIN(purpose) FROM audit_data_key WHERE tenant_id = :tenant AND wrapped_key IS NOT NULL
                    UNION ALL
                    SELECT (SELECT MIN(k.purpose) FROM audit_data_key k
                             WHERE k.tenant_id = :tenant AND k.wrapped_key IS NOT NULL AND k.purpose > live.purpose)
                      FROM live WHERE live.purpose IS NOT NULL)
                SELECT purpose FROM live WHERE purpose IS NOT NULL""")
                .param("tenant", tenantId).query(String.class).list().stream()
                .filter(p -> p.startsWith("personal:")).map(p -> p.substring("personal:".length())).toList();
    }

    /**
     * Keys of one purpose whose whole month lies before the month of {@code cutoff} are destroyed, so
     * fields are shredded at most one month after their period ends.
     */
    int destroyExpired(String tenantId, String purpose, Instant cutoff) {
        String lastExpiredMonth = YearMonth.from(cutoff.atOffset(ZoneOffset.UTC)).minusMonths(1).toString();
        forEncryption.keySet().removeIf(k -> k.startsWith(tenantId + "|") && k.contains("|" + purpose + "|"));
        return jdbc.sql("""
                UPDATE audit_data_key SET wrapped_key = NULL, destroyed_at = :now
                 WHERE tenant_id = :tenant AND purpose = :purpose AND period <= :last AND wrapped_key IS NOT NULL""")
                .param("now", utc(clock.instant())).param("tenant", tenantId).param("purpose", purpose)
                .param("last", lastExpiredMonth).update();
    }
}
