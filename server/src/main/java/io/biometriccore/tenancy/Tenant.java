package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.biometriccore.shared.ApiException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A bank, as a WebAuthn Relying Party (§5.4.2 {@code PublicKeyCredentialRpEntity}).
 *
 * @param id             a slug, used in every API path
 * @param rpId           the RP ID (§5.1.2), a registrable domain suffix of the origins' hosts
 * @param rpName         shown by authenticators
 * @param allowedOrigins exact origins accepted in {@code clientDataJSON}: web origins
 *                       ({@code https://host[:port]}, or {@code http://localhost[:port]}) and Android
 *                       app origins ({@code android:apk-key-hash:<base64url SHA-256 of the signing cert>})
 * @param openEnrollment whether anyone may register without a bank-issued grant, as a new customer
 *                       only (demo and conformance)
 * @param conformanceProfile whether the FIDO conformance routes ({@code /fido2/...}) are served, with
 *                       the behaviour the conformance tools expect: several credentials under one
 *                       username, listed in {@code excludeCredentials}. For demo and conformance
 *                       tenants, never for production: anyone can add a passkey to an existing
 *                       customer and learn its credential ids (ADR 0023)
 * @param policy         the WebAuthn policy
 * @param sessions       sessions, tokens and assurance levels
 * @param retention      how long the audit log keeps personal fields readable
 * @param rateLimits     how much anonymous work the tenant accepts, per address, username and in all
 * @param relatedOrigins those of {@code allowedOrigins} that are WebAuthn L3 related origins
 *                       (<a href="https://www.w3.org/TR/webauthn-3/#sctn-related-origins">§5.11</a>):
 *                       {@code https://} origins whose host may lie outside {@code rpId}, listed in the
 *                       {@code /.well-known/webauthn} document, at most {@value #MAX_RELATED_ORIGIN_LABELS}
 *                       registrable-domain labels among them, the least a browser must support
 * @param signing        how its transactions are signed and their evidence kept (ADR 0034)
 * @param rules          the rest of its current policy document (docs/policy.md); left out, those
 *                       {@link PolicyRules#of following policy}. Not part of the tenant's JSON: the
 *                       document is read at {@code /policy}
 */
public record Tenant(String id, String rpId, String rpName, List<String> allowedOrigins, boolean openEnrollment,
        boolean conformanceProfile, TenantPolicy policy, SessionPolicy sessions, RetentionPolicy retention,
        RateLimits rateLimits, List<String> relatedOrigins, SigningPolicy signing,
        @JsonIgnore @Nullable PolicyRules rules) {

    /** WebAuthn L3 §5.11.1: a client supports at least five; Chrome ignores the origins of a sixth label on. */
    public static final int MAX_RELATED_ORIGIN_LABELS = 5;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern APK_ORIGIN = Pattern.compile("android:apk-key-hash:[A-Za-z0-9_-]{43}");

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(rpName, "rpName");
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(rateLimits, "rateLimits");
        relatedOrigins = List.copyOf(Objects.requireNonNull(relatedOrigins, "relatedOrigins"));
        Objects.requireNonNull(signing, "signing");
        rules = rules == null ? PolicyRules.of(policy) : rules;
        if (!SLUG.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be a lower-case slug of 2 to 63 characters");
        }
        if (!DOMAIN.matcher(rpId).matches()) {
            throw new IllegalArgumentException("rpId must be a lower-case domain name");
        }
        if (rpName.isBlank() || rpName.length() > 200) {
            throw new IllegalArgumentException("rpName must be 1 to 200 characters");
        }
        if (allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("allowedOrigins must not be empty");
        }
        RelatedOrigins.requireValid(relatedOrigins, allowedOrigins, rpId);
        List<String> related = relatedOrigins;
        allowedOrigins.stream().filter(origin -> !related.contains(origin))
                .forEach(origin -> requireValidOrigin(origin, rpId));
        if (conformanceProfile && !openEnrollment) {
            throw new IllegalArgumentException("conformanceProfile needs openEnrollment: the conformance tools"
                    + " register without a grant");
        }
    }

    /** A tenant whose {@code rules} follow its {@code policy}. */
    public Tenant(String id, String rpId, String rpName, List<String> allowedOrigins, boolean openEnrollment,
            boolean conformanceProfile, TenantPolicy policy, SessionPolicy sessions, RetentionPolicy retention,
            RateLimits rateLimits, List<String> relatedOrigins, SigningPolicy signing) {
        this(id, rpId, rpName, allowedOrigins, openEnrollment, conformanceProfile, policy, sessions, retention,
                rateLimits, relatedOrigins, signing, null);
    }

    /** This tenant with another policy document's parts. */
    public Tenant withPolicy(TenantPolicy newPolicy, SessionPolicy newSessions, SigningPolicy newSigning,
            PolicyRules newRules) {
        return new Tenant(id, rpId, rpName, allowedOrigins, openEnrollment, conformanceProfile, newPolicy, newSessions,
                retention, rateLimits, relatedOrigins, newSigning, newRules);
    }

    /** @return the rules, never null after construction */
    @Override
    @JsonIgnore
    public PolicyRules rules() {
        return Objects.requireNonNull(rules, "rules");
    }

    /** A tenant with the {@linkplain SigningPolicy#defaults() default signing policy}. */
    public Tenant(String id, String rpId, String rpName, List<String> allowedOrigins, boolean openEnrollment,
            boolean conformanceProfile, TenantPolicy policy, SessionPolicy sessions, RetentionPolicy retention,
            RateLimits rateLimits, List<String> relatedOrigins) {
        this(id, rpId, rpName, allowedOrigins, openEnrollment, conformanceProfile, policy, sessions, retention,
                rateLimits, relatedOrigins, SigningPolicy.defaults());
    }

    /** A tenant without related origins. */
    public Tenant(String id, String rpId, String rpName, List<String> allowedOrigins, boolean openEnrollment,
            boolean conformanceProfile, TenantPolicy policy, SessionPolicy sessions, RetentionPolicy retention,
            RateLimits rateLimits) {
        this(id, rpId, rpName, allowedOrigins, openEnrollment, conformanceProfile, policy, sessions, retention,
                rateLimits, List.of());
    }

    /** A tenant with the {@linkplain RateLimits#defaults() default rate limits}. */
    public Tenant(String id, String rpId, String rpName, List<String> allowedOrigins, boolean openEnrollment,
            boolean conformanceProfile, TenantPolicy policy, SessionPolicy sessions, RetentionPolicy retention) {
        this(id, rpId, rpName, allowedOrigins, openEnrollment, conformanceProfile, policy, sessions, retention,
                RateLimits.defaults());
    }

    /**
     * The web origins among {@code allowedOrigins} ({@code https://...}, {@code http://localhost...}),
     * related ones included: those a browser page can have, so those CORS answers for. Never the
     * {@code android:apk-key-hash:} ones.
     */
    public List<String> webOrigins() {
        return allowedOrigins.stream().filter(origin -> !APK_ORIGIN.matcher(origin).matches()).toList();
    }

    private static void requireValidOrigin(String origin, String rpId) {
        if (APK_ORIGIN.matcher(origin).matches()) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowedOrigins: not an origin: " + origin);
        }
        boolean localhost = "localhost".equals(uri.getHost());
        boolean schemeOk = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && localhost);
        boolean bare = uri.getRawPath() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!schemeOk || !bare || uri.getHost() == null) {
            throw new IllegalArgumentException("allowedOrigins: " + origin
                    + " must be https://host[:port], http://localhost[:port] or android:apk-key-hash:<hash>");
        }
        String host = uri.getHost();
        if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
            throw new IllegalArgumentException("allowedOrigins: the host of " + origin + " is not within rpId " + rpId);
        }
    }

    /** @throws ApiException {@code enrollment_not_open} unless anyone may register here without a grant */
    public void requireOpenEnrollment() {
        if (!openEnrollment) {
            throw new ApiException(TenancyProblem.ENROLLMENT_NOT_OPEN);
        }
    }

    /** @throws ApiException {@code conformance_profile_disabled} unless this tenant serves the conformance routes */
    public void requireConformanceProfile() {
        if (!conformanceProfile) {
            throw new ApiException(TenancyProblem.CONFORMANCE_PROFILE_DISABLED);
        }
    }
}
