package io.biometriccore.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Biometric-Signature} header of every webhook the server sends (the SIEM sinks and the
 * tenant event webhook): {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the MAC taken with the
 * receiver's secret over {@code <t>.<body>} (UTF-8), so that a receiver can check both the body and its
 * age. One implementation for both, so that a receiver verifies them alike (docs/siem.md, docs/webhooks.md).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Biometric-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds + "." + body));
    }

    private static byte[] mac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
