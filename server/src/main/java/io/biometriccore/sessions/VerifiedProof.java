package io.biometriccore.sessions;

import java.util.Objects;

/**
 * A DPoP proof (RFC 9449) whose signature and claims have been checked, but which has not been spent:
 * its {@code jti} is remembered only by {@link Sessions#spendProof}, once the secret it accompanies
 * (assertion, poll secret, token) has been checked too, so that a request that fails for another reason
 * does not burn it.
 *
 * @param jkt the JWK SHA-256 thumbprint (RFC 7638) of the proof's key, the token's {@code cnf.jkt}
 * @param jti the proof's unique id
 */
public record VerifiedProof(String jkt, String jti) {

    public VerifiedProof {
        Objects.requireNonNull(jkt, "jkt");
        Objects.requireNonNull(jti, "jti");
    }
}
