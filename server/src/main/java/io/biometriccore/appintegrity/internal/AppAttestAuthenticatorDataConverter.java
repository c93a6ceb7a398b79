package io.biometriccore.appintegrity.internal;

import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Authenticator data as App Attest assertions carry it: Apple sets the AT flag without attested
 * credential data. webauthn4j-core 0.32 leaves this leniency to the App Attest module through this
 * hook, and the 0.31.2 module we run (ADR 0047) predates it; webauthn4j up to 0.31 did the same inline.
 */
final class AppAttestAuthenticatorDataConverter extends AuthenticatorDataConverter {

    AppAttestAuthenticatorDataConverter(ObjectConverter converter) {
        super(converter);
    }

    @Override
    protected @Nullable AttestedCredentialData parseAttestedCredentialData(byte flags, ByteBuffer buffer) {
        return buffer.hasRemaining() ? super.parseAttestedCredentialData(flags, buffer) : null;
    }
}
