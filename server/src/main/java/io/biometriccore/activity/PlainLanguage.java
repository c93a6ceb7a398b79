package io.biometriccore.activity;

import io.biometriccore.audit.AuditEvents.Event;
import io.biometriccore.sessions.RevocationReason;
import io.biometriccore.shared.SecurityEventType;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The audit events a customer sees, and what each says. A sign-in shows once, as the session it
 * started ({@code token.issued}): the ceremony's own {@code authentication.succeeded} is left out,
 * because a ceremony can succeed and the sign-in still fail on the required assurance level. Token
 * refreshes, grants, API key use and tenant changes are not the customer's business.
 */
final class PlainLanguage {

    /** Every type a customer's history shows. */
    static final Set<String> TYPES = Arrays.stream(SecurityEventType.values()).filter(type -> words(type) != null)
            .map(SecurityEventType::wireName).collect(Collectors.toUnmodifiableSet());

    /** What a device is called when its name is not known any more. */
    static final String REMOVED_DEVICE = "a removed device";

    /** The words for an event outside {@link #TYPES}, such as one of a type this version does not know. */
    static final Words SOMETHING_HAPPENED = new Words("Account activity", "There was activity on your account");

    private static final String STEP_UP = "step_up:";

    /** A title and a sentence. */
    record Words(String title, String description) {
    }

    /** An event, with the phrases about its device that its words are made of. */
    private record Parts(Event event, String device, String with, String on) {

        String reason() {
            return event.reason() == null ? "" : event.reason();
        }
    }

    private PlainLanguage() {
    }

    /**
     * @param deviceId   the device the event is about, if any: its own, or that of the credential it names
     * @param deviceName that device's name, if known; else it is {@value #REMOVED_DEVICE}
     * @return {@link #SOMETHING_HAPPENED} for a type outside {@link #TYPES}
     */
    static Words describe(Event event, @Nullable UUID deviceId, @Nullable String deviceName) {
        String device = deviceName == null ? REMOVED_DEVICE : deviceName;
        Parts parts = new Parts(event, device, deviceId == null ? "" : " with " + device,
                deviceId == null ? "" : " on " + device);
        return SecurityEventType.fromWire(event.type()).map(PlainLanguage::words).map(words -> words.apply(parts))
                .orElse(SOMETHING_HAPPENED);
    }

    /**
     * How the history puts events of a type, or null for a type it leaves out. Every type is decided
     * here, with no default, so that a new one is neither shown nor hidden by accident.
     */
    private static @Nullable Function<Parts, Words> words(SecurityEventType type) {
        return switch (type) {
            case CUSTOMER_CREATED -> p -> new Words("Account created", "Your account was created");
            case REGISTRATION_SUCCEEDED -> p -> new Words("Device added", "Added " + p.device() + " to your account");
            case TOKEN_ISSUED -> p -> p.reason().startsWith(STEP_UP)
                    ? new Words("Identity confirmed", "Confirmed it's you" + p.with() + channel(p.event()))
                    : new Words("Signed in", "Signed in" + p.with() + channel(p.event()));
            case TOKEN_REVOKED -> PlainLanguage::sessionEnded;
            case TOKEN_REUSE_DETECTED -> p -> new Words("Session ended for your safety",
                    "A sign-in token of the session" + p.on() + " was used twice, so the session was ended");
            case AUTHENTICATION_FAILED -> p -> new Words("Sign-in failed", "A sign-in attempt" + p.with() + " failed");
            case CROSS_CHANNEL_APPROVED -> p -> new Words("Sign-in approved",
                    "Approved a sign-in on another device" + p.with());
            case CROSS_CHANNEL_CODE_MISMATCH -> p -> new Words("Wrong sign-in code",
                    "A wrong code was entered" + p.on() + " to approve a sign-in on another device");
            case CROSS_CHANNEL_BURNED -> p -> new Words("Sign-in request closed",
                    "A sign-in request was closed after too many wrong codes were entered" + p.on());
            case DEVICE_RENAMED -> p -> new Words("Device renamed", "A device was renamed to \u201c"
                    + p.event().personal().getOrDefault("name", p.device()) + "\u201d");
            case DEVICE_SUSPENDED -> p -> new Words("Device suspended",
                    "Sign-ins with " + p.device() + " are paused until it is resumed");
            case DEVICE_RESUMED -> p -> new Words("Device resumed", "Sign-ins with " + p.device() + " work again");
            case DEVICE_REVOKED -> p -> new Words("Device removed",
                    "Removed " + p.device() + "; it can no longer sign in");
            case DEVICE_CLONE_SUSPECTED -> p -> new Words("Device blocked",
                    "Sign-ins with " + p.device() + " are blocked because it may have been copied");
            case TRANSACTION_APPROVED -> p -> new Words("Transaction approved",
                    "Approved a transaction" + p.with());
            case TRANSACTION_DECLINED -> p -> new Words("Transaction declined", "Declined a transaction" + p.on());
            case RISK_ASSESSED -> PlainLanguage::riskAssessed;
            case APP_INTEGRITY_ATTESTED -> p -> new Words("App verified",
                    "The bank's app on " + p.device() + " was verified as genuine");
            case APP_INTEGRITY_ATTESTATION_FAILED -> p -> new Words("App check failed",
                    "The bank's app on " + p.device() + " could not be verified as genuine");
            case TRANSACTION_REGISTERED, TRANSACTION_EXPIRED, TRANSACTION_CANCELLED, TRANSACTION_APPROVAL_FAILED,
                    TRANSACTION_LEGAL_HOLD_CHANGED -> null;
            case REGISTRATION_FAILED, AUTHENTICATION_SUCCEEDED, TOKEN_REFRESHED, ENROLLMENT_GRANT_ISSUED,
                    ENROLLMENT_GRANT_USED, API_KEY_CREATED, API_KEY_USED, API_KEY_REVOKED, TENANT_CREATED,
                    TENANT_CHANGED, POLICY_CHANGED, POLICY_DRY_RUN, SIGNING_KEY_ROTATED, CUSTOMER_DELETED, AUDIT_EXPORTED, AUDIT_SEARCHED,
                    WEBHOOK_CONFIGURED, WEBHOOK_REMOVED, WEBHOOK_SECRET_ROTATED,
                    RISK_ENGINE_CONFIGURED, RISK_ENGINE_REMOVED,
                    RISK_CONTEXT_KEY_ADDED, RISK_CONTEXT_KEY_REMOVED, TENANT_APPS_CHANGED,
                    APP_INTEGRITY_ASSERTED, APP_INTEGRITY_ASSERTION_FAILED,
                    MDS_BLOB_LOADED, MDS_BLOB_REJECTED, CREDENTIAL_FLAGGED, CREDENTIAL_FLAG_APPLIED,
                    ADMIN_KEY_REJECTED, API_KEY_REJECTED, ACCESS_TOKEN_REJECTED, REFRESH_TOKEN_REJECTED,
                    POLL_SECRET_REJECTED, DPOP_PROOF_REJECTED, DPOP_PROOF_REPLAYED, ENROLLMENT_GRANT_REJECTED,
                    RATE_LIMIT_EXCEEDED -> null;
        };
    }

    /**
     * "A sign-in from a new country was asked to confirm": the top reason's explanation, which its signal
     * wrote as a noun phrase for this sentence; without one, what kind of attempt it was.
     */
    private static Words riskAssessed(Parts p) {
        String what = p.event().personal().getOrDefault("explanation", "an attempt on your account");
        String subject = what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
        return p.reason().startsWith("deny:")
                ? new Words("Attempt refused", subject + " was refused for your safety")
                : new Words("Asked to confirm it's you", subject + " was asked to confirm");
    }

    /** Says why, where the reason means something to the customer; a reason this version does not know is left out. */
    private static Words sessionEnded(Parts p) {
        Words ended = new Words("Session ended", "The session" + p.on() + " ended");
        return RevocationReason.fromWire(p.reason()).map(reason -> switch (reason) {
            case SIGNED_OUT_EVERYWHERE -> new Words("Signed out",
                    "Signed out everywhere, which ended the session" + p.on());
            case REVOKED_BY_BANK -> new Words("Session ended", "The bank ended the session" + p.on());
            case DEVICE_SUSPENDED -> new Words("Session ended",
                    "The session" + p.on() + " ended because the device was suspended");
            case DEVICE_REVOKED -> new Words("Session ended",
                    "The session" + p.on() + " ended because the device was removed");
            case DEVICE_SUSPECTED_CLONE -> new Words("Session ended",
                    "The session" + p.on() + " ended because the device's passkey may have been copied");
            case CUSTOMER_DELETED, REFRESH_TOKEN_REUSE -> ended;
        }).orElse(ended);
    }

    private static String channel(Event event) {
        return switch (event.channel() == null ? "" : event.channel()) {
            case "mobile" -> " in the app";
            case "web" -> " in a browser";
            default -> "";
        };
    }
}
