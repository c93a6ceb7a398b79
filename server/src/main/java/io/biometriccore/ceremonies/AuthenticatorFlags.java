package io.biometriccore.ceremonies;

/** The flags of authenticator data (§6.1): UP, UV, BE, BS. */
public record AuthenticatorFlags(boolean userPresent, boolean userVerified, boolean backupEligible,
        boolean backupState) {
}
