package io.biometriccore.ceremonies.internal;

import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.verifier.exception.BadAaguidException;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadBackupEligibleFlagException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.BadTopOriginException;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.ConstraintViolationException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.IllegalBackupStateException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import com.webauthn4j.verifier.exception.PublicKeyMismatchException;
import com.webauthn4j.verifier.exception.SelfAttestationProhibitedException;
import com.webauthn4j.verifier.exception.TrustAnchorNotFoundException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.shared.ApiException;
import java.nio.BufferUnderflowException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/** Turns webauthn4j's verification exceptions into our stable reason codes. */
final class WebAuthnRejections {

    private WebAuthnRejections() {
    }

    /** Runs a webauthn4j call; an expected failure becomes an {@link ApiException} with its code. */
    static <T> T verifying(Supplier<T> call) {
        try {
            return call.get();
        } catch (DataConversionException | JacksonException | BufferUnderflowException | IndexOutOfBoundsException e) {
            // Some structures (e.g. TPM certInfo) are only decoded during verification.
            throw new ApiException(CeremonyProblem.MALFORMED_RESPONSE, "The credential response could not be decoded");
        } catch (RuntimeException e) {
            CeremonyProblem problem = problemFor(e);
            if (problem == null) {
                throw e;
            }
            throw new ApiException(problem, problem.title());
        }
    }

    /** Runs one webauthn4j check of a single step. */
    static void verifying(Runnable check) {
        verifying(() -> {
            check.run();
            return null;
        });
    }

    private static @Nullable CeremonyProblem problemFor(RuntimeException e) {
        return switch (e) {
            case InconsistentClientDataTypeException x -> CeremonyProblem.TYPE_MISMATCH;
            case BadChallengeException x -> CeremonyProblem.CHALLENGE_MISMATCH;
            case MissingChallengeException x -> CeremonyProblem.CHALLENGE_MISMATCH;
            case BadOriginException x -> CeremonyProblem.ORIGIN_NOT_ALLOWED;
            case BadTopOriginException x -> CeremonyProblem.ORIGIN_NOT_ALLOWED;
            case CrossOriginException x -> CeremonyProblem.ORIGIN_NOT_ALLOWED;
            case BadRpIdException x -> CeremonyProblem.RP_ID_MISMATCH;
            case UserNotPresentException x -> CeremonyProblem.USER_PRESENCE_REQUIRED;
            case UserNotVerifiedException x -> CeremonyProblem.USER_VERIFICATION_REQUIRED;
            case BadSignatureException x -> CeremonyProblem.SIGNATURE_INVALID;
            case NotAllowedAlgorithmException x -> CeremonyProblem.ALGORITHM_NOT_ALLOWED;
            case BadAlgorithmException x -> CeremonyProblem.ALGORITHM_NOT_ALLOWED;
            case IllegalBackupStateException x -> CeremonyProblem.BACKUP_STATE_INVALID;
            case BadBackupEligibleFlagException x -> CeremonyProblem.BACKUP_ELIGIBILITY_CHANGED;
            case SelfAttestationProhibitedException x -> CeremonyProblem.ATTESTATION_SELF_NOT_ALLOWED;
            case TrustAnchorNotFoundException x -> CeremonyProblem.ATTESTATION_UNTRUSTED;
            case NotAllowedCredentialIdException x -> CeremonyProblem.CREDENTIAL_USER_MISMATCH;
            case BadAttestationStatementException x -> CeremonyProblem.ATTESTATION_INVALID;
            case CertificateException x -> CeremonyProblem.ATTESTATION_INVALID;
            case BadAaguidException x -> CeremonyProblem.ATTESTATION_INVALID;
            case PublicKeyMismatchException x -> CeremonyProblem.ATTESTATION_INVALID;
            case ConstraintViolationException x -> CeremonyProblem.MALFORMED_RESPONSE;
            case VerificationException x -> CeremonyProblem.VERIFICATION_FAILED;
            default -> null;
        };
    }
}
