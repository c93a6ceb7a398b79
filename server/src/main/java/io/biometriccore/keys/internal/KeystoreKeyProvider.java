package io.biometriccore.keys.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import io.biometriccore.keys.KeyProvider;
import io.biometriccore.shared.SecureRandoms;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keeps each key in a PKCS#12 keystore of its own: {@code <directory>/<tenant>/<kid>.p12} for a signing
 * key, {@code <directory>/<tenant>/kek.p12} for the tenant's AES-256 key-encryption key (data keys are
 * wrapped with AES-GCM, the tenant id as associated data). A keystore is written once, to a temporary
 * file linked into place only if the name is free, and never rewritten, so nodes sharing the
 * directory (a mounted volume) cannot lose each other's keys, and a crash never leaves half a
 * keystore. Java's keystore wants a certificate beside each private key; a self-signed one is made
 * with BouncyCastle and has no other use.
 */
public final class KeystoreKeyProvider implements KeyProvider {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final String KEK_ALIAS = "kek";
    private static final String ENTRY = "key";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int GCM_IV_BYTES = 12;

    private final Path directory;
    private final char[] password;

    private final Map<String, ECKey> keys = new ConcurrentHashMap<>();
    private final Map<String, SecretKey> keks = new ConcurrentHashMap<>();

    public KeystoreKeyProvider(Path directory, char[] password) {
        if (password.length < 12) {
            throw new IllegalStateException("biometric.keys.keystore-password must be at least 12 characters");
        }
        this.directory = directory;
        this.password = password.clone();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key directory " + directory, e);
        }
    }

    @Override
    public ECKey generate(String tenantId, String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            KeyStore store = empty();
            store.setKeyEntry(ENTRY, pair.getPrivate(), password, new Certificate[] {selfSigned(pair, kid)});
            if (!createExclusively(file(tenantId, kid), store)) {
                throw new IllegalStateException("Tenant " + tenantId + " already has a key " + kid);
            }
            ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
                    .privateKey((ECPrivateKey) pair.getPrivate()).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).build();
            keys.put(tenantId + "/" + kid, jwk);
            return jwk.toPublicJWK();
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot create a signing key", e);
        }
    }

    @Override
    public JWSSigner signer(String tenantId, String kid) {
        ECKey key = keys.computeIfAbsent(tenantId + "/" + kid, k -> read(tenantId, kid));
        try {
            return new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing key " + kid + " is not usable", e);
        }
    }

    @Override
    public byte[] wrap(String tenantId, byte[] dataKey) {
        try {
            byte[] iv = SecureRandoms.bytes(GCM_IV_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek(tenantId), new GCMParameterSpec(128, iv));
            cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap a data key", e);
        }
    }

    @Override
    public byte[] unwrap(String tenantId, byte[] wrappedKey) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek(tenantId), new GCMParameterSpec(128, wrappedKey, 0, GCM_IV_BYTES));
            cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(wrappedKey, GCM_IV_BYTES, wrappedKey.length - GCM_IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unwrap a data key of tenant " + tenantId, e);
        }
    }

    /**
     * The tenant's AES-256 key-encryption key, made and stored on first use. Two nodes making it at
     * once both try to create the file exclusively; the loser throws its key away and reads the
     * winner's, so every data key is wrapped under the one key-encryption key on disk.
     */
    private SecretKey kek(String tenantId) throws GeneralSecurityException {
        SecretKey cached = keks.get(tenantId);
        if (cached != null) {
            return cached;
        }
        Path file = file(tenantId, KEK_ALIAS);
        if (!Files.exists(file)) {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            KeyStore store = empty();
            store.setEntry(ENTRY, new KeyStore.SecretKeyEntry(generator.generateKey()),
                    new KeyStore.PasswordProtection(password));
            createExclusively(file, store);
        }
        if (!(load(file).getKey(ENTRY, password) instanceof SecretKey kek)) {
            throw new IllegalStateException("The key-encryption key of tenant " + tenantId + " is unreadable");
        }
        keks.put(tenantId, kek);
        return kek;
    }

    private ECKey read(String tenantId, String kid) {
        try {
            KeyStore store = load(file(tenantId, kid));
            if (!(store.getKey(ENTRY, password) instanceof ECPrivateKey privateKey)
                    || !(store.getCertificate(ENTRY).getPublicKey() instanceof ECPublicKey publicKey)) {
                throw new IllegalStateException("The keystore of tenant " + tenantId + " has no key " + kid);
            }
            return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).keyID(kid)
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read signing key " + kid, e);
        }
    }

    private KeyStore empty() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private KeyStore load(Path file) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the keystore " + file, e);
        }
        return store;
    }

    /**
     * Writes a complete keystore to a temporary file, then links it into place only if nothing is
     * there yet (a hard link is created atomically or not at all). Keystores are never rewritten, so
     * no node can overwrite another node's key.
     *
     * @return false when the file existed already
     */
    private boolean createExclusively(Path file, KeyStore store) throws GeneralSecurityException {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "new-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    store.store(out, password);
                }
                Files.createLink(file, temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the keystore " + file, e);
        }
    }

    /** {@code <directory>/<tenant>/<name>.p12}. */
    private Path file(String tenantId, String name) {
        if (!TENANT.matcher(tenantId).matches() || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a tenant id or key name");
        }
        return directory.resolve(tenantId).resolve(name + ".p12");
    }

    private static X509Certificate selfSigned(KeyPair pair, String kid)
            throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=biometric-core signing key " + kid);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, SecureRandoms.bytes(8)),
                Date.from(now), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
