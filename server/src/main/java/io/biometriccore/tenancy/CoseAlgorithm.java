package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Credential signature algorithms a tenant may allow, by their JOSE names and
 * <a href="https://www.iana.org/assignments/cose/cose.xhtml#algorithms">COSE identifiers</a>.
 */
public enum CoseAlgorithm {
    ES256(-7), ES384(-35), ES512(-36), EdDSA(-8), RS256(-257), PS256(-37);

    private final long coseIdentifier;

    CoseAlgorithm(long coseIdentifier) {
        this.coseIdentifier = coseIdentifier;
    }

    public long coseIdentifier() {
        return coseIdentifier;
    }

    @JsonValue
    public String jsonName() {
        return name();
    }

    @JsonCreator
    public static CoseAlgorithm fromJson(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown algorithm " + name));
    }
}
