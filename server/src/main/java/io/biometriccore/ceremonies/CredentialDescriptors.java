package io.biometriccore.ceremonies;

import io.biometriccore.credentials.Credential;
import io.biometriccore.shared.Base64Url;
import java.util.List;

/** A customer's credentials as {@code excludeCredentials} or {@code allowCredentials} (§5.8.3). */
final class CredentialDescriptors {

    private CredentialDescriptors() {
    }

    static List<PublicKeyCredentialDescriptorJSON> of(List<Credential> credentials) {
        return credentials.stream()
                .map(c -> PublicKeyCredentialDescriptorJSON.publicKey(Base64Url.encode(c.credentialId()),
                        Transports.forDescriptor(c.transports())))
                .toList();
    }
}
