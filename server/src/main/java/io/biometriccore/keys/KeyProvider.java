package io.biometriccore.keys;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.ECKey;

/**
 * Where private signing keys live. Private key material never leaves the provider: callers get a
 * public JWK and a {@link JWSSigner}. Implementations: a keystore on disk (default); an HSM later.
 */
public interface KeyProvider {

    /** Creates an EC P-256 key pair under {@code kid} and returns its public half. */
    ECKey generate(String tenantId, String kid);

    /** A signer for the private half of {@code kid}, created earlier by {@link #generate}. */
    JWSSigner signer(String tenantId, String kid);
}
