package io.biometriccore.audittools;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed tree head (RFC 9162 §4.10 in spirit): the size and root of a tenant's log at a moment,
 * signed ES256 as a compact JWS whose payload is the canonical JSON of those four values.
 */
public record TreeHead(String tenantId, long treeSize, byte[] rootHash, Instant timestamp, String jws) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public TreeHead {
        Objects.requireNonNull(tenantId, "tenantId");
        rootHash = Objects.requireNonNull(rootHash, "rootHash").clone();
        // The signed payload carries milliseconds; a finer time would round differently in the database.
        timestamp = Objects.requireNonNull(timestamp, "timestamp").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(jws, "jws");
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** Signs a new head with {@code signer} under {@code kid}. */
    public static TreeHead sign(String tenantId, long treeSize, byte[] rootHash, Instant at, String kid,
            JWSSigner signer) {
        Instant timestamp = at.truncatedTo(ChronoUnit.MILLIS);
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(),
                new Payload(payload(tenantId, treeSize, rootHash, timestamp)));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a tree head", e);
        }
        return new TreeHead(tenantId, treeSize, rootHash, timestamp, jws.serialize());
    }

    /**
     * Whether the JWS is ES256 by a key of {@code keys} (chosen by {@code kid} only) and its payload
     * states exactly this head's values.
     */
    public boolean signatureValid(JWKSet keys) {
        try {
            JWSObject parsed = JWSObject.parse(jws);
            if (!JWSAlgorithm.ES256.equals(parsed.getHeader().getAlgorithm()) || parsed.getHeader().getKeyID() == null) {
                return false;
            }
            JWK key = keys.getKeyByKeyId(parsed.getHeader().getKeyID());
            return key instanceof ECKey ec && parsed.verify(new ECDSAVerifier(ec.toPublicJWK()))
                    && Arrays.equals(parsed.getPayload().toBytes(),
                            payload(tenantId, treeSize, rootHash, timestamp).getBytes(StandardCharsets.UTF_8));
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    private static String payload(String tenantId, long treeSize, byte[] rootHash, Instant timestamp) {
        Map<String, Object> members = new TreeMap<>();
        members.put("tenantId", tenantId);
        members.put("treeSize", treeSize);
        members.put("rootHash", Base64.getUrlEncoder().withoutPadding().encodeToString(rootHash));
        members.put("timestamp", timestamp.toEpochMilli());
        return JSON.writeValueAsString(members);
    }
}
