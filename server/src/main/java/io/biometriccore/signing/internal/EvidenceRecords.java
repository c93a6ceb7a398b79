package io.biometriccore.signing.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import io.biometriccore.ceremonies.AuthenticationResponse;
import io.biometriccore.ceremonies.AuthenticationResult;
import io.biometriccore.credentials.Credential;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.SigningKey;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.tenancy.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The evidence record of an approval, format {@value #FORMAT} (docs/transactions.md): the canonical
 * transaction exactly as hashed, the challenge's derivation, the assertion as the authenticator made
 * it, the credential's public key, and when; RFC 8785 bytes signed as a compact JWS by the tenant's
 * {@link KeyPurpose#EVIDENCE} key. Everything in it can be checked offline, without this server.
 */
@Component
class EvidenceRecords {

    static final String FORMAT = "biometric-core/evidence/v1";
    static final JOSEObjectType TYPE = new JOSEObjectType("bc-evidence+json");
    static final String DERIVATION = "SHA-256(nonce || transactionHash)";
    static final String METHOD_WEBAUTHN = "webauthn";
    static final String METHOD_SPC = "spc";

    private final SigningKeys keys;

    EvidenceRecords(SigningKeys keys) {
        this.keys = keys;
    }

    /** What was approved, how and by which credential: the members of the record. */
    record Approved(Tenant tenant, TransactionRepository.Stored transaction, AuthenticationResponse response,
            AuthenticationResult result, Credential credential, String nonce, byte[] challenge, Instant approvedAt) {
        Approved {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(nonce, "nonce");
            challenge = challenge.clone();
            Objects.requireNonNull(approvedAt, "approvedAt");
        }
    }

    /** A signed record: its id, the compact JWS and the key that signed it. */
    record Signed(UUID evidenceId, String jws, String kid) {
    }

    Signed sign(Approved approved) {
        UUID evidenceId = UUID.randomUUID();
        byte[] payload = CanonicalJson.bytes(record(evidenceId, approved));
        SigningKey key = keys.active(approved.tenant().id(), KeyPurpose.EVIDENCE);
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(TYPE).build(),
                new Payload(payload));
        try {
            jws.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("The evidence key could not sign", e);
        }
        return new Signed(evidenceId, jws.serialize(), key.kid());
    }

    /** {@code sha256:} and the base64url SHA-256 of the JWS's ASCII: the audit event's reason, binding it to the evidence. */
    static String auditReason(String jws) {
        return "sha256:" + CanonicalJson.sha256Base64Url(jws.getBytes(StandardCharsets.US_ASCII));
    }

    private static Map<String, Object> record(UUID evidenceId, Approved a) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("format", FORMAT);
        members.put("evidenceId", evidenceId.toString());
        members.put("tenantId", a.tenant().id());
        String spcOrigin = a.result().context().spcOrigin();
        members.put("method", spcOrigin == null ? METHOD_WEBAUTHN : METHOD_SPC);
        members.put("transaction", CanonicalJson.tree(a.transaction().canonical()));
        members.put("transactionHash", a.transaction().hash());
        members.put("challenge", Map.of("derivation", DERIVATION, "nonce", a.nonce(),
                "value", Base64Url.encode(a.challenge())));
        Map<String, Object> relyingParty = new LinkedHashMap<>();
        relyingParty.put("rpId", a.tenant().rpId());
        relyingParty.put("origins", List.copyOf(a.tenant().allowedOrigins()));
        if (spcOrigin != null) {
            relyingParty.put("spcTopOrigin", spcOrigin);
        }
        members.put("relyingParty", relyingParty);
        members.put("assertion", assertion(a.response()));
        members.put("credential", credential(a.credential(), a.result()));
        members.put("customer", Map.of("userHandle", a.result().userHandle()));
        members.put("device", Map.of("id", a.result().deviceId().toString()));
        members.put("approvedAt", CanonicalJson.time(a.approvedAt()));
        return members;
    }

    private static Map<String, Object> assertion(AuthenticationResponse r) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("credentialId", Base64Url.encode(r.rawId()));
        members.put("clientDataJSON", Base64Url.encode(r.clientDataJSON()));
        members.put("authenticatorData", Base64Url.encode(r.authenticatorData()));
        members.put("signature", Base64Url.encode(r.signature()));
        if (r.userHandle() != null) {
            members.put("userHandle", Base64Url.encode(r.userHandle()));
        }
        return members;
    }

    private static Map<String, Object> credential(Credential c, AuthenticationResult result) {
        return Map.of("publicKey", Base64Url.encode(c.publicKeyCose()), "algorithm", c.algorithm(),
                "attestation", Map.of("format", c.attestationFormat(), "aaguid", c.aaguid().toString(),
                        "trust", c.attestationTrust().name()),
                "backupEligible", result.flags().backupEligible(), "backupState", result.flags().backupState());
    }
}
