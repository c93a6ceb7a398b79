package io.biometriccore.ceremonies.internal;

import io.biometriccore.ceremonies.PublicKeyCredentialDescriptorJSON;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecureRandoms;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * No user enumeration (OWASP ASVS 6.3.8): options for an unknown username, and for a customer without
 * a passkey, carry decoy credentials shaped like real ones. Their number (one or two), id lengths and
 * transports are drawn from what authenticators really produce, and derived with HMAC from
 * {@code biometric.enumeration-protection.secret}, tenant and username, so that they are the same on
 * every request and every node. Without the secret the server does not start (ADR 27); only the quick
 * start ({@code biometric.enumeration-protection.generate-if-missing}) makes one up per process.
 */
@Component
public class DecoyCredentials {

    static final int MIN_SECRET_LENGTH = 16;

    /** Credential id lengths of common authenticators: security keys, platform and synced passkeys. */
    static final List<Integer> ID_LENGTHS = List.of(16, 20, 32, 64);

    /**
     * Transport combinations real authenticators report, as stored (sorted), synced passkeys' twice as
     * they are the most common; none at all is what clients that do not report transports leave.
     */
    static final List<List<String>> TRANSPORTS = List.of(List.of("hybrid", "internal"), List.of("hybrid", "internal"),
            List.of("internal"), List.of("usb"), List.of("nfc", "usb"), List.of("hybrid", "internal", "usb"), List.of());

    private static final Logger log = LoggerFactory.getLogger(DecoyCredentials.class);
    private static final int MAC_LENGTH = 32;

    private final SecretKeySpec key;

    DecoyCredentials(@Value("${biometric.enumeration-protection.secret:#{null}}") @Nullable String secret,
            @Value("${biometric.enumeration-protection.generate-if-missing:false}") boolean generateIfMissing) {
        this.key = new SecretKeySpec(material(secret, generateIfMissing), "HmacSHA256");
    }

    private static byte[] material(@Nullable String secret, boolean generateIfMissing) {
        if (secret == null || secret.isBlank()) {
            if (!generateIfMissing) {
                throw new IllegalStateException("biometric.enumeration-protection.secret is not set: set it "
                        + "(BIOMETRIC_ENUMERATION_PROTECTION_SECRET) to the same random value of at least "
                        + MIN_SECRET_LENGTH + " characters on every node, or decoy credentials give away unknown usernames");
            }
            log.info("biometric.enumeration-protection.secret is not set: decoys use a random secret of this process");
            return SecureRandoms.bytes(MAC_LENGTH);
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("biometric.enumeration-protection.secret must be at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The decoys of {@code username} in {@code tenantId}: one or two, the same on every call. */
    public List<PublicKeyCredentialDescriptorJSON> forUsername(String tenantId, String username) {
        String subject = tenantId + '\n' + username;
        byte[] shape = mac("shape\n" + subject);
        int count = Byte.toUnsignedInt(shape[0]) % 4 == 0 ? 2 : 1;
        List<PublicKeyCredentialDescriptorJSON> decoys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = ID_LENGTHS.get(Byte.toUnsignedInt(shape[1 + i]) % ID_LENGTHS.size());
            List<String> transports = TRANSPORTS.get(Byte.toUnsignedInt(shape[3 + i]) % TRANSPORTS.size());
            decoys.add(PublicKeyCredentialDescriptorJSON.publicKey(
                    Base64Url.encode(expand("id\n" + i + '\n' + subject, length)), transports));
        }
        return List.copyOf(decoys);
    }

    /** {@code length} bytes of HMAC output, block after block (HKDF-expand style). */
    private byte[] expand(String label, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + MAC_LENGTH);
        for (int block = 0; out.size() < length; block++) {
            out.writeBytes(mac(label + '\n' + block));
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    private byte[] mac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
