package io.biometriccore.appintegrity.internal;

import io.biometriccore.appintegrity.AndroidApp;
import io.biometriccore.appintegrity.AndroidKeyAttestation;
import io.biometriccore.appintegrity.AttestationRejection;
import io.biometriccore.appintegrity.BootState;
import io.biometriccore.appintegrity.Platform;
import io.biometriccore.appintegrity.SecurityLevel;
import io.biometriccore.appintegrity.Verification;
import io.biometriccore.appintegrity.VerifiedPosture;
import io.biometriccore.appintegrity.internal.KeyDescription.ApplicationId;
import io.biometriccore.appintegrity.internal.KeyDescription.AuthorizationList;
import io.biometriccore.appintegrity.internal.KeyDescription.PackageInfo;
import io.biometriccore.appintegrity.internal.KeyDescription.RootOfTrust;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@link AndroidKeyAttestation} as Google's verification steps have it: the chain first (its links, its
 * root, its revocation), then the leaf's KeyDescription: challenge, security level, root of trust and
 * application id. Each step answers its own {@link AttestationRejection}.
 */
final class KeyAttestationVerifier implements AndroidKeyAttestation {

    private final KeyAttestationChains chains;
    private final Clock clock;

    KeyAttestationVerifier(KeyAttestationChains chains, Clock clock) {
        this.chains = chains;
        this.clock = clock;
    }

    @Override
    public Verification<VerifiedPosture> verify(AndroidApp app, List<byte[]> certificateChain, byte[] challenge,
            SecurityLevel minimum) {
        Optional<List<X509Certificate>> parsed = CertificateChains.parse(certificateChain);
        if (parsed.isEmpty() || parsed.get().isEmpty()) {
            return Verification.rejected(AttestationRejection.ATTESTATION_MALFORMED, "certificate chain is not DER X.509");
        }
        List<X509Certificate> chain = parsed.get();
        Optional<Verification<VerifiedPosture>> refused = chains.refusal(chain, clock.instant());
        if (refused.isPresent()) {
            return refused.get();
        }
        byte[] extension = chain.getFirst().getExtensionValue(KeyDescription.OID);
        if (extension == null) {
            return Verification.rejected(AttestationRejection.ATTESTATION_MALFORMED, "leaf has no KeyDescription");
        }
        try {
            return judge(app, KeyDescription.parse(extension), challenge, minimum);
        } catch (IllegalArgumentException e) {
            return Verification.rejected(AttestationRejection.ATTESTATION_MALFORMED, e.getMessage());
        }
    }

    private Verification<VerifiedPosture> judge(AndroidApp app, KeyDescription description, byte[] challenge,
            SecurityLevel minimum) {
        if (!MessageDigest.isEqual(description.attestationChallenge(), challenge)) {
            return Verification.rejected(AttestationRejection.CHALLENGE_MISMATCH, "attestationChallenge differs");
        }
        if (!description.attestationSecurityLevel().atLeast(minimum) || !description.keyMintSecurityLevel().atLeast(minimum)) {
            return Verification.rejected(AttestationRejection.SECURITY_LEVEL_TOO_LOW, "attestation "
                    + description.attestationSecurityLevel() + ", KeyMint " + description.keyMintSecurityLevel());
        }
        Optional<RootOfTrust> rootOfTrust = enforced(description).rootOfTrust();
        if (rootOfTrust.isEmpty() || rootOfTrust.get().verifiedBootState() != BootState.VERIFIED
                || !rootOfTrust.get().deviceLocked()) {
            return Verification.rejected(AttestationRejection.BOOT_STATE_UNVERIFIED, "root of trust " + rootOfTrust);
        }
        Optional<PackageInfo> attestedPackage = attestedPackage(app, description);
        if (attestedPackage.isEmpty()) {
            return Verification.rejected(AttestationRejection.APP_ID_MISMATCH, "package or signing digests differ");
        }
        return Verification.verified(new VerifiedPosture(Platform.ANDROID, description.attestationSecurityLevel(),
                BootState.VERIFIED, true, app.packageName(), attestedPackage.get().version(),
                enforced(description).osPatchLevel().or(() -> description.softwareEnforced().osPatchLevel()).orElse(null),
                clock.instant()));
    }

    /**
     * The list whose claims the attestation's security level vouches for: the hardware-enforced one,
     * or the software-enforced one of a software attestation the caller allowed.
     */
    private static AuthorizationList enforced(KeyDescription description) {
        return description.attestationSecurityLevel().hardware() ? description.hardwareEnforced() : description.softwareEnforced();
    }

    /**
     * The app's package among those attested, when every attested signing digest is one of the app's.
     * Keystore puts the application id in the software-enforced list: the OS, not the TEE, knows the
     * calling package; the TEE-signed certificate still binds it.
     */
    private static Optional<PackageInfo> attestedPackage(AndroidApp app, KeyDescription description) {
        Optional<ApplicationId> applicationId = description.softwareEnforced().applicationId()
                .or(() -> description.hardwareEnforced().applicationId());
        if (applicationId.isEmpty() || applicationId.get().signatureDigests().isEmpty()
                || !applicationId.get().signatureDigests().stream().allMatch(app::signedWith)) {
            return Optional.empty();
        }
        return applicationId.get().packages().stream()
                .filter(info -> info.packageName().equals(app.packageName())).findFirst();
    }
}
