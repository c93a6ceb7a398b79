package io.biometriccore.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import io.biometriccore.testkit.AttestationCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * FIDO MDS3 BLOBs made in the test (FIDO Metadata Service v3.0 §3.1): a JWS (ES256) whose x5c is a
 * signing certificate issued by a test MDS root, over a payload with one entry per authenticator model.
 * Give the server {@link #root()} as {@code biometric.mds.root-certificate}.
 */
public final class TestMetadataBlobs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One model: its AAGUID, the root its attestations chain to, its status reports' statuses, and its
     * statement's keyProtection and attachmentHint values.
     */
    public record Model(UUID aaguid, X509Certificate attestationRoot, List<String> statuses, List<String> keyProtection,
            List<String> attachmentHint) {

        /** A security key: keys in hardware and a secure element, attached externally. */
        public Model(UUID aaguid, X509Certificate attestationRoot, List<String> statuses) {
            this(aaguid, attestationRoot, statuses, List.of("hardware", "secure_element"), List.of("external"));
        }
    }

    private final AttestationCa mdsCa;
    private final AttestationCa.AttestationKey signer;

    private TestMetadataBlobs(AttestationCa mdsCa) {
        this.mdsCa = mdsCa;
        this.signer = mdsCa.issue(UUID.randomUUID());
    }

    /** A fresh MDS root and BLOB signing key. */
    public static TestMetadataBlobs generate(String name) {
        return new TestMetadataBlobs(AttestationCa.generate(name));
    }

    public X509Certificate root() {
        return mdsCa.root();
    }

    public Path writeRoot(Path directory) {
        return mdsCa.writeRootPem(directory);
    }

    /** A BLOB signed by this service's signing key, its x5c chaining to {@link #root()}. */
    public String blob(int no, LocalDate nextUpdate, List<Model> models) {
        return sign(signer, payload(no, nextUpdate, models));
    }

    /** A BLOB signed by another service's key: its signature holds, its chain does not reach {@link #root()}. */
    public String blobSignedBy(TestMetadataBlobs other, int no, LocalDate nextUpdate, List<Model> models) {
        return sign(other.signer, payload(no, nextUpdate, models));
    }

    /** The BLOB with one character of its payload changed, so its signature no longer holds. */
    public static String tampered(String jws) {
        String[] parts = jws.split("\\.");
        char[] payload = parts[1].toCharArray();
        int i = payload.length / 2;
        payload[i] = payload[i] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }

    public static void write(Path file, String jws) {
        try {
            Files.writeString(file, jws, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(AttestationCa.AttestationKey key, String payload) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                    .x509CertChain(List.of(Base64.encode(key.certificate().getEncoded()))).build();
            JWSObject jws = new JWSObject(header, new Payload(payload));
            jws.sign(new ECDSASigner((ECPrivateKey) key.privateKey()));
            return jws.serialize();
        } catch (JOSEException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String payload(int no, LocalDate nextUpdate, List<Model> models) {
        List<Object> entries = new ArrayList<>();
        for (Model m : models) {
            List<Object> reports = new ArrayList<>();
            m.statuses().forEach(s -> reports.add(Map.of("status", s, "effectiveDate", "2026-01-01")));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("aaguid", m.aaguid().toString());
            entry.put("metadataStatement", statement(m));
            entry.put("statusReports", reports);
            entry.put("timeOfLastStatusChange", "2026-01-01");
            entries.add(entry);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("legalHeader", "Test BLOB, not from the FIDO Alliance");
        payload.put("no", no);
        payload.put("nextUpdate", nextUpdate.toString());
        payload.put("entries", entries);
        return JSON.writeValueAsString(payload);
    }

    private static Map<String, Object> statement(Model m) {
        try {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("legalHeader", "Test statement");
            s.put("description", "Test authenticator " + m.aaguid());
            s.put("aaguid", m.aaguid().toString());
            s.put("authenticatorVersion", 1);
            s.put("protocolFamily", "fido2");
            s.put("schema", 3);
            s.put("upv", List.of(Map.of("major", 1, "minor", 0)));
            s.put("authenticationAlgorithms", List.of("secp256r1_ecdsa_sha256_raw"));
            s.put("publicKeyAlgAndEncodings", List.of("cose"));
            s.put("attestationTypes", List.of("basic_full"));
            s.put("userVerificationDetails", List.of(List.of(Map.of("userVerificationMethod", "presence_internal"))));
            s.put("keyProtection", m.keyProtection());
            s.put("matcherProtection", List.of("on_chip"));
            s.put("attachmentHint", m.attachmentHint());
            s.put("tcDisplay", List.of());
            s.put("attestationRootCertificates",
                    List.of(java.util.Base64.getEncoder().encodeToString(m.attestationRoot().getEncoded())));
            return s;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
