package io.biometriccore.keys;

import com.nimbusds.jose.JWSSigner;
import java.util.Objects;

/** The active key of a tenant and purpose: its {@code kid} for the JWS header, and its signer. */
public record SigningKey(String kid, JWSSigner signer) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(signer, "signer");
    }
}
