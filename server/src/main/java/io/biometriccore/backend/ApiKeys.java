package io.biometriccore.backend;

import io.biometriccore.backend.internal.ApiKeyRepository;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.shared.SecureRandoms;
import io.biometriccore.shared.Secrets;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenant API keys: {@code bck_<16 hex id>_<43 base64url secret>}. Only the SHA-256 of the whole key is
 * stored, and a presented key is compared with it in constant time. Use is audited at most once a
 * minute per key, with the recording of {@code last_used_at}.
 */
@Service
public class ApiKeys {

    /** How every tenant API key begins, so that a route taking a key or an access token can tell them apart. */
    public static final String PREFIX = "bck_";

    private static final Pattern FORMAT = Pattern.compile(PREFIX + "([0-9a-f]{16})_[A-Za-z0-9_-]{43}");
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiKeyRepository repository;
    private final Tenants tenants;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ApiKeys(ApiKeyRepository repository, Tenants tenants, Clock clock, ApplicationEventPublisher events) {
        this.repository = repository;
        this.tenants = tenants;
        this.clock = clock;
        this.events = events;
    }

    /** @throws ApiException {@code invalid_request} for an empty name or no scopes */
    @Transactional
    public NewApiKey create(String tenantId, String name, Set<Scope> scopes) {
        tenants.require(tenantId);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100 || label.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "name must be 1 to 100 printable characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "scopes must name at least one scope");
        }
        String id = HexFormat.of().formatHex(SecureRandoms.bytes(8));
        String key = Secrets.generate(PREFIX + id + "_");
        ApiKey apiKey = new ApiKey(id, tenantId, label, scopes, clock.instant(), null, null);
        repository.insert(apiKey, Secrets.sha256(key));
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.API_KEY_CREATED).reason(id + ":"
                + scopes.stream().map(Scope::wireName).sorted().collect(Collectors.joining(","))).build());
        return new NewApiKey(apiKey, key);
    }

    @Transactional(readOnly = true)
    public List<ApiKey> list(String tenantId) {
        tenants.require(tenantId);
        return repository.list(tenantId);
    }

    /** @throws ApiException {@code api_key_not_found} */
    @Transactional
    public ApiKey revoke(String tenantId, String id) {
        if (repository.revoke(tenantId, id, clock.instant())) {
            events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.API_KEY_REVOKED).reason(id).build());
        }
        return repository.find(tenantId, id).map(ApiKeyRepository.Stored::apiKey)
                .orElseThrow(() -> new ApiException(ApiKeyProblem.API_KEY_NOT_FOUND));
    }

    /**
     * Authenticates a presented key for a tenant and scope. A missing key is 401
     * {@code api_key_missing}; a malformed, unknown, revoked or other tenant's key is 401
     * {@code api_key_invalid}, without saying which; a valid key without the scope is 403.
     */
    @Transactional
    public ApiKey authenticate(String tenantId, Optional<String> presented, Scope scope) {
        String key = presented.orElseThrow(() -> rejected(tenantId, ApiKeyProblem.API_KEY_MISSING));
        Matcher matcher = FORMAT.matcher(key);
        Optional<ApiKeyRepository.Stored> stored = matcher.matches()
                ? repository.find(tenantId, matcher.group(1)) : Optional.empty();
        boolean valid = Secrets.matches(stored.map(ApiKeyRepository.Stored::secretHash).orElse(null), key);
        if (!valid || stored.get().apiKey().revokedAt() != null) {
            throw rejected(tenantId, ApiKeyProblem.API_KEY_INVALID);
        }
        ApiKey apiKey = stored.get().apiKey();
        if (!apiKey.scopes().contains(scope)) {
            events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.API_KEY_REJECTED,
                    ApiKeyProblem.API_KEY_SCOPE_MISSING.code()).build());
            throw new ApiException(ApiKeyProblem.API_KEY_SCOPE_MISSING,
                    "This endpoint needs the '" + scope.wireName() + "' scope");
        }
        Instant now = clock.instant();
        RequestContext.actor(RequestContext.ActorType.API_KEY, apiKey.id());
        if (repository.touch(tenantId, apiKey.id(), now, now.minus(LAST_USED_RESOLUTION))) {
            events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.API_KEY_USED).reason(apiKey.id())
                    .build());
        }
        return apiKey;
    }

    /** Audited as {@code api_key.rejected} (aggregated, docs/adr/0025); never with the presented key. */
    private ApiException rejected(String tenantId, ApiKeyProblem problem) {
        events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.API_KEY_REJECTED, problem.code())
                .build());
        return unauthorized(problem);
    }

    private static ApiException unauthorized(ApiKeyProblem problem) {
        return new ApiException(problem, problem.title(), Map.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"biometric-core-backend\""));
    }
}
