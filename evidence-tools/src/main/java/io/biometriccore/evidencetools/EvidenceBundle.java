package io.biometriccore.evidencetools;

import com.nimbusds.jose.JWSObject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An evidence bundle, format {@value #FORMAT} (docs/transactions.md): the platform-signed evidence
 * record as a compact JWS, the approval's audit event, its inclusion proof in a signed tree head (null
 * until the log is sealed past it) and the keys that signed both. Reading it checks only its shape;
 * {@link EvidenceVerifier} checks what it says.
 *
 * @param payload      the JWS payload, exactly the bytes that were signed
 * @param evidence     those bytes parsed: a JSON object of format {@value #EVIDENCE_FORMAT}
 * @param auditEvent   the {@code transaction.approved} event as an audit export line gives it
 * @param inclusionProof absent until the audit log was sealed past the event
 * @param keys         the bundle's own JWKS, used only when the verifier is given no pinned keys
 */
public record EvidenceBundle(String transactionId, String jws, JWSObject parsedJws, byte[] payload,
        JsonNode evidence, @Nullable JsonNode auditEvent, @Nullable JsonNode inclusionProof, @Nullable String keys) {

    /** The bundle's format. */
    public static final String FORMAT = "biometric-core/evidence-bundle/v1";
    /** The format of the signed evidence record inside. */
    public static final String EVIDENCE_FORMAT = "biometric-core/evidence/v1";

    /** Rejects duplicate member names: a signed object must mean one thing to every reader. */
    static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public EvidenceBundle {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(jws, "jws");
        Objects.requireNonNull(parsedJws, "parsedJws");
        payload = Objects.requireNonNull(payload, "payload").clone();
        Objects.requireNonNull(evidence, "evidence");
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Reads a bundle's bytes. */
    public static EvidenceBundle read(byte[] bytes) throws UnreadableBundleException {
        JsonNode root = json(bytes, "the bundle");
        if (!root.isObject() || !EvidenceBundle.FORMAT.equals(root.path("format").asString(""))) {
            throw new UnreadableBundleException("not an evidence bundle: format is not " + FORMAT);
        }
        String transactionId = requiredText(root, "transactionId");
        String jws = requiredText(root, "evidence");
        JWSObject parsed;
        try {
            parsed = JWSObject.parse(jws);
        } catch (ParseException e) {
            throw new UnreadableBundleException("evidence is not a compact JWS: " + e.getMessage());
        }
        byte[] payload = parsed.getPayload().toBytes();
        JsonNode evidence = json(payload, "the evidence payload");
        if (!evidence.isObject() || !EVIDENCE_FORMAT.equals(evidence.path("format").asString(""))) {
            throw new UnreadableBundleException("the evidence payload is not of format " + EVIDENCE_FORMAT);
        }
        JsonNode keys = root.get("keys");
        return new EvidenceBundle(transactionId, jws, parsed, payload, evidence, optionalObject(root, "auditEvent"),
                optionalObject(root, "inclusionProof"), keys == null || keys.isNull() ? null : keys.toString());
    }

    private static JsonNode json(byte[] bytes, String what) throws UnreadableBundleException {
        try {
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new UnreadableBundleException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String requiredText(JsonNode root, String name) throws UnreadableBundleException {
        JsonNode value = root.get(name);
        if (value == null || !value.isString()) {
            throw new UnreadableBundleException("the bundle has no " + name);
        }
        return value.stringValue();
    }

    private static @Nullable JsonNode optionalObject(JsonNode root, String name) throws UnreadableBundleException {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new UnreadableBundleException(name + " is neither an object nor null");
        }
        return value;
    }
}
