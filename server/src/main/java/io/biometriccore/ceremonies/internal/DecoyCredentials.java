package io.biometriccore.ceremonies.internal;

import io.biometriccore.ceremonies.PublicKeyCredentialDescriptorJSON;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecureRandoms;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * No user enumeration (OWASP ASVS 6.3.8): options for an unknown username carry a credential id that
 * looks real and is stable for that username, derived with HMAC from a server secret. Set
 * {@code biometric.enumeration-protection.secret} to the same value on every node of a cluster.
 */
@Component
public class DecoyCredentials {

    private static final Logger log = LoggerFactory.getLogger(DecoyCredentials.class);

    private final SecretKeySpec key;

    DecoyCredentials(@Value("${biometric.enumeration-protection.secret:#{null}}") @Nullable String secret) {
        byte[] material = secret == null ? SecureRandoms.bytes(32) : secret.getBytes(StandardCharsets.UTF_8);
        if (secret == null) {
            log.warn("biometric.enumeration-protection.secret is not set: decoy credential ids differ between nodes");
        }
        this.key = new SecretKeySpec(material, "HmacSHA256");
    }

    public List<PublicKeyCredentialDescriptorJSON> forUnknownUser(String tenantId, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] id = mac.doFinal((tenantId + '\n' + username).getBytes(StandardCharsets.UTF_8));
            return List.of(PublicKeyCredentialDescriptorJSON.publicKey(Base64Url.encode(id), List.of("internal", "hybrid")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
