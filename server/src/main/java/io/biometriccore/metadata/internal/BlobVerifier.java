package io.biometriccore.metadata.internal;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.metadata.FidoMDS3MetadataBLOBProvider;
import com.webauthn4j.metadata.HttpClient;
import com.webauthn4j.metadata.converter.jackson.WebAuthnMetadataJSONModule;
import com.webauthn4j.metadata.data.MetadataBLOB;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Verifies a BLOB as webauthn4j's {@link FidoMDS3MetadataBLOBProvider} does (FIDO Metadata Service
 * v3.0 §3.2: the JWS signature by x5c[0], and the x5c chain up to the configured root), with that root
 * as its only trust anchor. The provider is fed the bytes already read, so that a BLOB from the source
 * and one from the database pass the same checks. Throws {@code MDSException} for a BLOB it refuses.
 */
final class BlobVerifier {

    private final ObjectConverter converter;
    private final Set<TrustAnchor> root;
    private final boolean revocationCheck;

    BlobVerifier(X509Certificate root, boolean revocationCheck) {
        // core 0.32 no longer finds the metadata module by itself: register it (ADR 0038).
        this.converter = new ObjectConverter().rebuildWithJSONModule(new WebAuthnMetadataJSONModule());
        this.root = Set.of(new TrustAnchor(root, null));
        this.revocationCheck = revocationCheck;
    }

    MetadataBLOB verify(String jws) {
        HttpClient served = uri -> new HttpClient.Response(200,
                new ByteArrayInputStream(jws.getBytes(StandardCharsets.US_ASCII)));
        var provider = new FidoMDS3MetadataBLOBProvider(converter, "blob:", served, root);
        provider.setRevocationCheckEnabled(revocationCheck);
        return provider.provide();
    }
}
