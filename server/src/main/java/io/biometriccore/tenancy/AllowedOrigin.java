package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One member of a tenant definition's {@code allowedOrigins}: an origin as a string, as it has always
 * been written, or {@code {"origin": ..., "related": true}} for a WebAuthn L3 related origin
 * (ADR 0029), which may lie outside the RP ID and is listed in the {@code /.well-known/webauthn}
 * document.
 */
public record AllowedOrigin(String origin, boolean related) {

    public AllowedOrigin {
        Objects.requireNonNull(origin, "origin");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AllowedOrigin of(String origin) {
        return new AllowedOrigin(origin, false);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static AllowedOrigin written(@JsonProperty("origin") @Nullable String origin,
            @JsonProperty("related") @Nullable Boolean related) {
        if (origin == null) {
            throw new IllegalArgumentException("allowedOrigins: a member needs its origin");
        }
        return new AllowedOrigin(origin, Boolean.TRUE.equals(related));
    }
}
