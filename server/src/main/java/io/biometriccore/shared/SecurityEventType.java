package io.biometriccore.shared;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a {@link SecurityEvent} is about. The wire names are spelled out rather than derived from the
 * constants' names, because they are stored in the audit log and sent to SIEMs and customers: renaming
 * a constant must not change them. Code that treats types differently switches over this enum without
 * a default, so that a new type does not compile until each of them has decided what to do with it.
 */
public enum SecurityEventType {
    REGISTRATION_SUCCEEDED("registration.succeeded"),
    REGISTRATION_FAILED("registration.failed"),
    AUTHENTICATION_SUCCEEDED("authentication.succeeded"),
    AUTHENTICATION_FAILED("authentication.failed"),
    TOKEN_ISSUED("token.issued"),
    TOKEN_REFRESHED("token.refreshed"),
    TOKEN_REVOKED("token.revoked"),
    TOKEN_REUSE_DETECTED("token.reuse_detected"),
    DEVICE_RENAMED("device.renamed"),
    DEVICE_SUSPENDED("device.suspended"),
    DEVICE_RESUMED("device.resumed"),
    DEVICE_REVOKED("device.revoked"),
    DEVICE_CLONE_SUSPECTED("device.clone_suspected"),
    ENROLLMENT_GRANT_ISSUED("enrollment_grant.issued"),
    ENROLLMENT_GRANT_USED("enrollment_grant.used"),
    API_KEY_CREATED("api_key.created"),
    API_KEY_USED("api_key.used"),
    API_KEY_REVOKED("api_key.revoked"),
    TENANT_CREATED("tenant.created"),
    TENANT_CHANGED("tenant.changed"),
    // A new version of the tenant's policy document, rollbacks included (docs/policy.md).
    POLICY_CHANGED("policy.changed"),
    // A candidate policy evaluated over the recorded decisions, changing nothing (docs/policy.md "Dry run").
    POLICY_DRY_RUN("policy.dry_run"),
    SIGNING_KEY_ROTATED("signing_key.rotated"),
    CUSTOMER_CREATED("customer.created"),
    CUSTOMER_DELETED("customer.deleted"),
    CROSS_CHANNEL_APPROVED("cross_channel.approved"),
    CROSS_CHANNEL_CODE_MISMATCH("cross_channel.code_mismatch"),
    CROSS_CHANNEL_BURNED("cross_channel.burned"),
    TRANSACTION_REGISTERED("transaction.registered"),
    TRANSACTION_APPROVED("transaction.approved"),
    TRANSACTION_DECLINED("transaction.declined"),
    TRANSACTION_EXPIRED("transaction.expired"),
    TRANSACTION_CANCELLED("transaction.cancelled"),
    TRANSACTION_APPROVAL_FAILED("transaction.approval_failed"),
    // Of eventClass "transaction" too, like the others of a transaction's evidence (ADR 0034).
    TRANSACTION_LEGAL_HOLD_CHANGED("transaction.legal_hold_changed"),
    AUDIT_EXPORTED("audit.exported"),
    AUDIT_SEARCHED("audit.searched"),
    WEBHOOK_CONFIGURED("webhook.configured"),
    WEBHOOK_REMOVED("webhook.removed"),
    WEBHOOK_SECRET_ROTATED("webhook.secret_rotated"),
    // The tenant's external risk engine (docs/risk.md): reason created or updated, with its fallback.
    RISK_ENGINE_CONFIGURED("risk_engine.configured"),
    RISK_ENGINE_REMOVED("risk_engine.removed"),
    // A key the tenant's bank signs its options requests' context with, its kid the reason.
    RISK_CONTEXT_KEY_ADDED("risk_context_key.added"),
    RISK_CONTEXT_KEY_REMOVED("risk_context_key.removed"),
    // The tenant's iOS and Android apps replaced (ADR 0048); reason: how many of each.
    TENANT_APPS_CHANGED("tenant_apps.changed"),
    // The bank's app on a device: an attestation verified (reason <platform>:<security level>) or refused,
    // an assertion verified (reason: the app id) or refused; a refusal's reason is its problem code.
    APP_INTEGRITY_ATTESTED("app_integrity.attested"),
    APP_INTEGRITY_ATTESTATION_FAILED("app_integrity.attestation_failed"),
    APP_INTEGRITY_ASSERTED("app_integrity.asserted"),
    APP_INTEGRITY_ASSERTION_FAILED("app_integrity.assertion_failed"),
    // Deployment-wide, of tenant SecurityEvent.NO_TENANT: a FIDO MDS3 BLOB taken into force or turned away.
    MDS_BLOB_LOADED("mds.blob_loaded"),
    MDS_BLOB_REJECTED("mds.blob_rejected"),
    // A credential of a model FIDO metadata newly reports denied (its status the reason), and what the
    // tenant's flaggedAuthenticators did at its next sign-in (step_up or suspend the reason).
    CREDENTIAL_FLAGGED("credential.flagged"),
    CREDENTIAL_FLAG_APPLIED("credential.flag_applied"),
    // The risk engine asked an attempt to step up or refused it: reason <outcome>:<top reason>; the score,
    // the contributions' reasons and the top one's explanation in the personal fields (docs/risk.md).
    RISK_ASSESSED("risk.assessed"),
    // Failed checks of a presented secret (OWASP ASVS 5.0 16.3.2), written as aggregates (docs/adr/0025).
    ADMIN_KEY_REJECTED("admin_key.rejected"),
    API_KEY_REJECTED("api_key.rejected"),
    ACCESS_TOKEN_REJECTED("access_token.rejected"),
    REFRESH_TOKEN_REJECTED("refresh_token.rejected"),
    POLL_SECRET_REJECTED("poll_secret.rejected"),
    DPOP_PROOF_REJECTED("dpop_proof.rejected"),
    DPOP_PROOF_REPLAYED("dpop_proof.replayed"),
    ENROLLMENT_GRANT_REJECTED("enrollment_grant.rejected"),
    // A request an anti-automation control held back (16.3.3), its limit as the reason; aggregated too.
    RATE_LIMIT_EXCEEDED("rate_limit.exceeded");

    private static final Map<String, SecurityEventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(SecurityEventType::wireName, Function.identity()));

    private final String wireName;

    SecurityEventType(String wireName) {
        this.wireName = wireName;
    }

    /** {@code <class>.<what>}, e.g. {@code authentication.succeeded}, as the audit log stores it. */
    public String wireName() {
        return wireName;
    }

    /** The part before the dot (registration, authentication, token, device, ...); it picks the retention. */
    public String eventClass() {
        return wireName.substring(0, wireName.indexOf('.'));
    }

    /**
     * The type of an event read back from the log. Empty for a type this version does not know: a newer
     * version may have written it during a rolling upgrade, and readers must show it all the same.
     */
    public static Optional<SecurityEventType> fromWire(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }
}
