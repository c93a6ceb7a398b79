package io.biometriccore.sessions;

/** The outcome of verifying an access token: typed, with the reason when it fails. */
public sealed interface TokenCheck {

    record Valid(AccessTokenClaims claims) implements TokenCheck {
    }

    record Invalid(TokenRejection reason) implements TokenCheck {
    }
}
