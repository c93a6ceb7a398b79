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
import java.nio.file.StandardCopyOption;
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
 * Keeps each tenant's private keys in a PKCS#12 keystore, {@code <directory>/<tenant>.p12}, under the
 * key's {@code kid}, and its AES-256 key-encryption key under {@code kek} (data keys are wrapped with
 * AES-GCM, the tenant id as associated data). Java's keystore wants a certificate beside each private key; a self-signed one is
 * made with BouncyCastle and has no other use. Writes go to a temporary file and are then moved into
 * place, so a crash never leaves half a keystore. Several nodes can share the directory (a mounted
 * secret volume): a node that does not know a {@code kid} reloads the file.
 */
public final class KeystoreKeyProvider implements KeyProvider {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private final Path directory;
    private final char[] password;
    private static final String KEK_ALIAS = "kek";
    private static final int GCM_IV_BYTES = 12;

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
    public synchronized ECKey generate(String tenantId, String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            KeyStore store = load(tenantId);
            store.setKeyEntry(kid, pair.getPrivate(), password, new Certificate[] {selfSigned(pair, kid)});
            save(tenantId, store);
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

    /** The tenant's AES-256 key-encryption key, made and stored on first use. */
    private SecretKey kek(String tenantId) throws GeneralSecurityException {
        SecretKey cached = keks.get(tenantId);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            KeyStore store = load(tenantId);
            if (!(store.getKey(KEK_ALIAS, password) instanceof SecretKey kek)) {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256);
                SecretKey created = generator.generateKey();
                store.setEntry(KEK_ALIAS, new KeyStore.SecretKeyEntry(created),
                        new KeyStore.PasswordProtection(password));
                save(tenantId, store);
                keks.put(tenantId, created);
                return created;
            }
            keks.put(tenantId, kek);
            return kek;
        }
    }

    private synchronized ECKey read(String tenantId, String kid) {
        try {
            KeyStore store = load(tenantId);
            if (!(store.getKey(kid, password) instanceof ECPrivateKey privateKey)
                    || !(store.getCertificate(kid).getPublicKey() instanceof ECPublicKey publicKey)) {
                throw new IllegalStateException("The keystore of tenant " + tenantId + " has no key " + kid);
            }
            return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).keyID(kid)
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read signing key " + kid, e);
        }
    }

    private KeyStore load(String tenantId) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        Path file = file(tenantId);
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
            } else {
                store.load(null, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the keystore " + file, e);
        }
        return store;
    }

    private void save(String tenantId, KeyStore store) throws GeneralSecurityException {
        Path file = file(tenantId);
        try {
            Path temp = Files.createTempFile(directory, tenantId, ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                store.store(out, password);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the keystore " + file, e);
        }
    }

    private Path file(String tenantId) {
        if (!TENANT.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("not a tenant id");
        }
        return directory.resolve(tenantId + ".p12");
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
