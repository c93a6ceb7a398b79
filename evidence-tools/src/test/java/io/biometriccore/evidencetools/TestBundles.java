package io.biometriccore.evidencetools;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditExport;
import io.biometriccore.audittools.MerkleTree;
import io.biometriccore.audittools.TreeHead;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds real evidence bundles the way docs/transactions.md says the server does: a canonical
 * transaction, a challenge derived from it, a real assertion by {@link SoftwareAuthenticator} (SPC
 * assertions, whose clientData carries {@code payment}, are signed here with the same kind of key),
 * the platform JWS by a generated evidence key, and the approval's audit event sealed in a small
 * RFC 9162 tree under a signed tree head.
 */
final class TestBundles {

    static final String TENANT = "bank-a";
    static final String RP_ID = "bank.example";
    static final String ORIGIN = "https://bank.example";
    static final String SHOP = "https://shop.example";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");

    final ECKey evidenceKey;
    final ECKey auditKey;
    private final KeyPair credentialKeys;
    private final byte[] credentialId;
    final byte[] userHandle;
    private final SoftwareAuthenticator authenticator;

    TestBundles() {
        try {
            evidenceKey = new ECKeyGenerator(Curve.P_256).keyID("evidence-2026-12").generate();
            auditKey = new ECKeyGenerator(Curve.P_256).keyID("audit-2026-12").generate();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            credentialKeys = generator.generateKeyPair();
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        credentialId = random(32);
        userHandle = random(16);
        authenticator = SoftwareAuthenticator.restore(credentialKeys, credentialId, userHandle);
    }

    /** The pinned keys: the public evidence and audit keys. */
    JWKSet keys() {
        return new JWKSet(List.of(evidenceKey.toPublicJWK(), auditKey.toPublicJWK()));
    }

    /**
     * What a test may change while the bundle is made: the authenticator's input, the SPC payment data
     * the browser shows, and the record before the platform signs it (a platform holding every key),
     * each changed in place; and whether the audit log was sealed past the event yet.
     */
    record Tampering(UnaryOperator<AuthenticationInput> input, UnaryOperator<ObjectNode> payment,
            UnaryOperator<ObjectNode> record, boolean sealed) {

        static final Tampering NONE = new Tampering(in -> in, p -> p, r -> r, true);

        static Tampering input(UnaryOperator<AuthenticationInput> input) {
            return new Tampering(input, p -> p, r -> r, true);
        }

        static Tampering payment(UnaryOperator<ObjectNode> payment) {
            return new Tampering(in -> in, payment, r -> r, true);
        }

        static Tampering record(UnaryOperator<ObjectNode> record) {
            return new Tampering(in -> in, p -> p, record, true);
        }

        static Tampering unsealed() {
            return new Tampering(in -> in, p -> p, r -> r, false);
        }
    }

    ObjectNode payment() {
        ObjectNode transaction = base("payment");
        transaction.set("amount", amount("1250.00", "EUR"));
        transaction.set("payee", payee("ACME GmbH", "DE89370400440532013000"));
        transaction.put("text", "Invoice 4711, December");
        transaction.put("reference", "INV-4711");
        return transaction;
    }

    ObjectNode batch() {
        ObjectNode transaction = base("batch_payment");
        transaction.set("amount", amount("300.00", "EUR"));
        ArrayNode items = transaction.putArray("items");
        items.add(item("100.00", "Alice Example", "DE02120300000000202051", "salary-alice"));
        items.add(item("200.00", "Bob Example", "DE02500105170137075030", "salary-bob"));
        transaction.put("reference", "PAYROLL-2026-12");
        return transaction;
    }

    ObjectNode spcPayment() {
        ObjectNode transaction = payment();
        ObjectNode spc = transaction.putObject("spc");
        spc.put("merchantOrigin", SHOP);
        spc.put("payeeOrigin", "https://acme.example");
        ObjectNode instrument = spc.putObject("instrument");
        instrument.put("displayName", "Bank A debit card ****1234");
        instrument.put("icon", "https://bank.example/card.png");
        return transaction;
    }

    ObjectNode bundle(ObjectNode transaction) {
        return bundle(transaction, "webauthn", Tampering.NONE);
    }

    ObjectNode bundle(ObjectNode transaction, String method, Tampering tampering) {
        byte[] hash = sha256(canonical(transaction));
        byte[] nonce = random(32);
        byte[] challenge = sha256(nonce, hash);
        ObjectNode record = JSON.createObjectNode();
        record.put("format", EvidenceBundle.EVIDENCE_FORMAT);
        record.put("evidenceId", UUID.randomUUID().toString());
        record.put("tenantId", TENANT);
        record.put("method", method);
        record.set("transaction", transaction);
        record.put("transactionHash", B64.encodeToString(hash));
        ObjectNode challengeNode = record.putObject("challenge");
        challengeNode.put("derivation", "SHA-256(nonce || transactionHash)");
        challengeNode.put("nonce", B64.encodeToString(nonce));
        challengeNode.put("value", B64.encodeToString(challenge));
        ObjectNode rp = record.putObject("relyingParty");
        rp.put("rpId", RP_ID);
        rp.putArray("origins").add(ORIGIN);
        if ("spc".equals(method)) {
            rp.put("spcTopOrigin", SHOP);
        }
        record.set("assertion", "spc".equals(method) ? spcAssertion(challenge, transaction, tampering.payment())
                : assertion(challenge, tampering.input()));
        record.set("credential", credential());
        record.putObject("customer").put("userHandle", B64.encodeToString(userHandle));
        record.putObject("device").put("id", "7d9c2f6e-1b3a-4c5d-8e9f-0a1b2c3d4e5f");
        record.put("approvedAt", "2026-12-01T10:01:02.345Z");
        tampering.record().apply(record);
        String jws = sign(record);
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("format", EvidenceBundle.FORMAT);
        bundle.put("transactionId", transaction.path("id").asString());
        bundle.put("evidence", jws);
        AuditEntry event = approvedEvent(jws);
        bundle.set("auditEvent", JSON.readTree(AuditExport.eventJson(event)));
        bundle.set("inclusionProof", tampering.sealed() ? inclusionProof(event) : null);
        bundle.set("keys", JSON.readTree(keys().toString(true)));
        return bundle;
    }

    /** Signs {@code record}'s canonical bytes as the platform does. */
    String sign(JsonNode record) {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(evidenceKey.getKeyID())
                .type(EvidenceVerifier.EVIDENCE_TYPE).build(), new Payload(canonical(record)));
        try {
            jws.sign(new ECDSASigner(evidenceKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    private ObjectNode assertion(byte[] challenge, UnaryOperator<AuthenticationInput> input) {
        JsonNode credential = JSON.readTree(authenticator.authenticate(
                input.apply(AuthenticationInput.of(B64.encodeToString(challenge), ORIGIN, RP_ID))));
        JsonNode response = credential.path("response");
        ObjectNode assertion = JSON.createObjectNode();
        assertion.put("credentialId", credential.path("id").asString());
        for (String name : List.of("clientDataJSON", "authenticatorData", "signature", "userHandle")) {
            assertion.put(name, response.path(name).asString());
        }
        return assertion;
    }

    /** A payment.get assertion (SPC §5.3): clientData carries the payment data the browser showed. */
    private ObjectNode spcAssertion(byte[] challenge, ObjectNode transaction, UnaryOperator<ObjectNode> shown) {
        ObjectNode clientData = JSON.createObjectNode();
        clientData.put("type", "payment.get");
        clientData.put("challenge", B64.encodeToString(challenge));
        clientData.put("origin", SHOP);
        clientData.put("crossOrigin", true);
        ObjectNode payment = clientData.putObject("payment");
        payment.put("rpId", RP_ID);
        payment.put("topOrigin", SHOP);
        payment.put("payeeName", transaction.path("payee").path("name").asString());
        payment.put("payeeOrigin", transaction.path("spc").path("payeeOrigin").asString());
        payment.putObject("total").put("currency", transaction.path("amount").path("currency").asString())
                .put("value", transaction.path("amount").path("value").asString());
        payment.set("instrument", transaction.path("spc").path("instrument").deepCopy());
        shown.apply(payment);
        byte[] clientDataJson = JSON.writeValueAsBytes(clientData);
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(
                new AuthenticatorData<AuthenticationExtensionAuthenticatorOutput>(sha256(RP_ID.getBytes(
                        StandardCharsets.UTF_8)), (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV), 0));
        ObjectNode assertion = JSON.createObjectNode();
        assertion.put("credentialId", B64.encodeToString(credentialId));
        assertion.put("clientDataJSON", B64.encodeToString(clientDataJson));
        assertion.put("authenticatorData", B64.encodeToString(authenticatorData));
        assertion.put("signature", B64.encodeToString(es256(concat(authenticatorData, sha256(clientDataJson)))));
        assertion.put("userHandle", B64.encodeToString(userHandle));
        return assertion;
    }

    private ObjectNode credential() {
        ObjectNode credential = JSON.createObjectNode();
        byte[] cose = CONVERTER.getCborConverter().writeValueAsBytes(
                EC2COSEKey.create((ECPublicKey) credentialKeys.getPublic(), COSEAlgorithmIdentifier.ES256));
        credential.put("publicKey", B64.encodeToString(cose));
        credential.put("algorithm", -7);
        ObjectNode attestation = credential.putObject("attestation");
        attestation.put("format", "packed");
        attestation.put("aaguid", "5f3e8b2a-9c41-4d7e-b6a0-1c2d3e4f5a6b");
        attestation.put("trust", "SELF");
        credential.put("backupEligible", false);
        credential.put("backupState", false);
        return credential;
    }

    private AuditEntry approvedEvent(String jws) {
        return new AuditEntry(1003, TENANT, Instant.parse("2026-12-01T10:01:02.350Z"), "transaction.approved",
                "transaction", "success", AuditChecks.evidenceReason(jws), "customer",
                B64.encodeToString(userHandle), UUID.fromString("3f1d2c4b-5a69-4788-9a0b-1c2d3e4f5a6b"),
                UUID.fromString("7d9c2f6e-1b3a-4c5d-8e9f-0a1b2c3d4e5f"), B64.encodeToString(credentialId), null, "app",
                "corr-approval", null, null, null, null);
    }

    /** The event is leaf 2 of a tree of 5 leaves, sealed by a head signed with the audit key. */
    private ObjectNode inclusionProof(AuditEntry event) {
        int index = 2;
        int size = 5;
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(i == index ? event.leafHash(i) : otherEvent(i).leafHash(i));
        }
        byte[] root = MerkleTree.root(leaves, size);
        TreeHead head;
        try {
            head = TreeHead.sign(TENANT, size, root, Instant.parse("2026-12-01T10:02:00Z"), auditKey.getKeyID(),
                    new ECDSASigner(auditKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode proof = JSON.createObjectNode();
        proof.put("leafIndex", index);
        proof.put("treeSize", size);
        proof.put("leafHash", B64.encodeToString(leaves.get(index)));
        ArrayNode path = proof.putArray("auditPath");
        MerkleTree.inclusionProof(leaves, index, size).forEach(node -> path.add(B64.encodeToString(node)));
        ObjectNode treeHead = proof.putObject("treeHead");
        treeHead.put("treeSize", head.treeSize());
        treeHead.put("rootHash", B64.encodeToString(head.rootHash()));
        treeHead.put("timestamp", head.timestamp().toString());
        treeHead.put("jws", head.jws());
        return proof;
    }

    private static AuditEntry otherEvent(int i) {
        return new AuditEntry(1000 + i, TENANT, CREATED.plusSeconds(i), "authentication.succeeded", "authentication",
                "success", null, "customer", null, null, null, null, null, "app", "corr-" + i, null, null, null,
                null);
    }

    private ObjectNode base(String type) {
        ObjectNode transaction = JSON.createObjectNode();
        transaction.put("tenantId", TENANT);
        transaction.put("id", UUID.randomUUID().toString());
        transaction.put("customer", B64.encodeToString(userHandle));
        transaction.put("type", type);
        transaction.put("createdAt", CREATED.toString());
        transaction.put("expiresAt", CREATED.plusSeconds(300).toString());
        return transaction;
    }

    private static ObjectNode amount(String value, String currency) {
        return JSON.createObjectNode().put("value", value).put("currency", currency);
    }

    private static ObjectNode payee(String name, String account) {
        return JSON.createObjectNode().put("name", name).put("account", account);
    }

    private static ObjectNode item(String value, String name, String account, String reference) {
        ObjectNode item = JSON.createObjectNode();
        item.set("amount", amount(value, "EUR"));
        item.set("payee", payee(name, account));
        item.put("reference", reference);
        return item;
    }

    private byte[] es256(byte[] data) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(credentialKeys.getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] canonical(JsonNode json) {
        return Hashes.canonical(json);
    }

    static byte[] sha256(byte[]... parts) {
        return Hashes.sha256(parts);
    }

    static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
