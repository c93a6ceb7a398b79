package io.biometriccore.keys;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.ECKey;

/**
 * Where private key material lives: per-tenant signing keys, and a per-tenant key-encryption key for
 * envelope encryption. Private and secret key material never leaves the provider: callers get a public
 * JWK, a {@link JWSSigner}, or wrapped and unwrapped data keys. Implementations: a keystore on disk
 * (default); an HSM later.
 */
public interface KeyProvider {

    /** Creates an EC P-256 key pair under {@code kid} and returns its public half. */
    ECKey generate(String tenantId, String kid);

    /** A signer for the private half of {@code kid}, created earlier by {@link #generate}. */
    JWSSigner signer(String tenantId, String kid);

    /** Encrypts a data key under the tenant's key-encryption key (made on first use). */
    byte[] wrap(String tenantId, byte[] dataKey);

    /** Decrypts what {@link #wrap} made; fails if it was altered or is another tenant's. */
    byte[] unwrap(String tenantId, byte[] wrappedKey);
}
