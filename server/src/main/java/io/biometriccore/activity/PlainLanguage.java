package io.biometriccore.activity;

import io.biometriccore.audit.AuditEvents.Event;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The audit events a customer sees, and what each says. A sign-in shows once, as the session it
 * started ({@code token.issued}): the ceremony's own {@code authentication.succeeded} is left out,
 * because a ceremony can succeed and the sign-in still fail on the required assurance level. Token
 * refreshes, grants, API key use and tenant changes are not the customer's business.
 */
final class PlainLanguage {

    /** Every type a customer's history shows. */
    static final Set<String> TYPES = Set.of("customer.created", "registration.succeeded", "token.issued",
            "token.revoked", "token.reuse_detected", "authentication.failed", "cross_channel.approved",
            "device.renamed", "device.suspended", "device.resumed", "device.revoked", "device.clone_suspected");

    /** What a device is called when its name is not known any more. */
    static final String REMOVED_DEVICE = "a removed device";

    private static final String STEP_UP = "step_up:";

    /** A title and a sentence. */
    record Words(String title, String description) {
    }

    private PlainLanguage() {
    }

    /**
     * @param deviceId   the device the event is about, if any: its own, or that of the credential it names
     * @param deviceName that device's name, if known; else it is {@value #REMOVED_DEVICE}
     * @throws IllegalArgumentException for a type outside {@link #TYPES}
     */
    static Words describe(Event event, @Nullable UUID deviceId, @Nullable String deviceName) {
        String device = deviceName == null ? REMOVED_DEVICE : deviceName;
        String with = deviceId == null ? "" : " with " + device;
        String on = deviceId == null ? "" : " on " + device;
        String reason = event.reason() == null ? "" : event.reason();
        return switch (event.type()) {
            case "customer.created" -> new Words("Account created", "Your account was created");
            case "registration.succeeded" -> new Words("Device added", "Added " + device + " to your account");
            case "token.issued" -> reason.startsWith(STEP_UP)
                    ? new Words("Identity confirmed", "Confirmed it's you" + with + channel(event))
                    : new Words("Signed in", "Signed in" + with + channel(event));
            case "token.revoked" -> switch (reason) {
                case "signed_out_everywhere" -> new Words("Signed out",
                        "Signed out everywhere, which ended the session" + on);
                case "revoked_by_bank" -> new Words("Session ended", "The bank ended the session" + on);
                case "device_suspended" -> new Words("Session ended",
                        "The session" + on + " ended because the device was suspended");
                case "device_revoked" -> new Words("Session ended",
                        "The session" + on + " ended because the device was removed");
                default -> new Words("Session ended", "The session" + on + " ended");
            };
            case "token.reuse_detected" -> new Words("Session ended for your safety",
                    "A sign-in token of the session" + on + " was used twice, so the session was ended");
            case "authentication.failed" -> new Words("Sign-in failed", "A sign-in attempt" + with + " failed");
            case "cross_channel.approved" -> new Words("Sign-in approved",
                    "Approved a sign-in on another device" + with);
            case "device.renamed" -> new Words("Device renamed", "A device was renamed to \u201c"
                    + event.personal().getOrDefault("name", device) + "\u201d");
            case "device.suspended" -> new Words("Device suspended",
                    "Sign-ins with " + device + " are paused until it is resumed");
            case "device.resumed" -> new Words("Device resumed", "Sign-ins with " + device + " work again");
            case "device.revoked" -> new Words("Device removed",
                    "Removed " + device + "; it can no longer sign in");
            case "device.clone_suspected" -> new Words("Device blocked",
                    "Sign-ins with " + device + " are blocked because it may have been copied");
            default -> throw new IllegalArgumentException("Not an event a customer sees: " + event.type());
        };
    }

    private static String channel(Event event) {
        return switch (event.channel() == null ? "" : event.channel()) {
            case "mobile" -> " in the app";
            case "web" -> " in a browser";
            default -> "";
        };
    }
}
