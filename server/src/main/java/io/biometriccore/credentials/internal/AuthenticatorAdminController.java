package io.biometriccore.credentials.internal;

import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.tenancy.Tenants;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/tenants/{tenantId}/authenticators}: the models the tenant's customers use, counted as
 * credentials come and go, with their name and latest status from FIDO metadata; and
 * {@code .../authenticators/flagged}, the credentials flagged for their model's status. Both are keyset
 * pages behind the admin key (docs/mds.md).
 */
@RestController
@RequestMapping(path = "/v1/admin/tenants/{tenantId}/authenticators", produces = MediaType.APPLICATION_JSON_VALUE)
class AuthenticatorAdminController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Pattern AAGUID_CURSOR = Pattern.compile("[0-9a-f]{32}");
    /** A credential id of up to 1023 bytes, base64url without padding. */
    private static final Pattern CREDENTIAL_CURSOR = Pattern.compile("[A-Za-z0-9_-]{2,1364}");

    private final Tenants tenants;
    private final AuthenticatorInventory inventory;
    private final CredentialRepository credentials;
    private final AuthenticatorMetadata metadata;
    private final DeviceNames deviceNames;

    AuthenticatorAdminController(Tenants tenants, AuthenticatorInventory inventory, CredentialRepository credentials,
            AuthenticatorMetadata metadata, DeviceNames deviceNames) {
        this.tenants = tenants;
        this.inventory = inventory;
        this.credentials = credentials;
        this.metadata = metadata;
        this.deviceNames = deviceNames;
    }

    /** One model in use; {@code name} and {@code status} are absent when the BLOB in force does not say. */
    record AuthenticatorModel(UUID aaguid, @Nullable String name, long credentials, long synced, long deviceBound,
            @Nullable String status) {
    }

    record AuthenticatorPage(List<AuthenticatorModel> items, @Nullable String nextCursor) {
    }

    /** A flagged credential, its device and its customer. */
    record FlaggedCredential(String credentialId, UUID customerId, UUID deviceId, UUID aaguid, String flaggedStatus,
            Instant flaggedAt, CredentialStatus deviceStatus) {
    }

    record FlaggedPage(List<FlaggedCredential> items, @Nullable String nextCursor) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    AuthenticatorPage models(@PathVariable String tenantId, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        tenants.require(tenantId);
        int size = limit(limit);
        List<AuthenticatorInventory.Model> page = inventory.page(tenantId, aaguidCursor(cursor), size);
        List<AuthenticatorModel> items = page.stream().map(this::model).toList();
        String next = page.size() < size ? null : page.getLast().aaguid().toString().replace("-", "");
        return new AuthenticatorPage(items, next);
    }

    @GetMapping("/flagged")
    @Transactional(readOnly = true)
    FlaggedPage flagged(@PathVariable String tenantId, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        tenants.require(tenantId);
        int size = limit(limit);
        byte[] after = cursor == null ? new byte[0] : credentialCursor(cursor);
        List<CredentialRepository.FlaggedRow> page = credentials.flaggedPage(tenantId, after, size);
        List<FlaggedCredential> items = page.stream().map(r -> new FlaggedCredential(Base64Url.encode(r.credentialId()),
                r.customerId(), r.deviceId(), r.aaguid(), r.flaggedStatus(), r.flaggedAt(), r.status())).toList();
        String next = page.size() < size ? null : Base64Url.encode(page.getLast().credentialId());
        return new FlaggedPage(items, next);
    }

    private AuthenticatorModel model(AuthenticatorInventory.Model m) {
        Optional<MetadataEntry> entry = metadata.findByAaguid(m.aaguid());
        String name = entry.map(MetadataEntry::description).or(() -> deviceNames.authenticatorName(m.aaguid()))
                .orElse(null);
        return new AuthenticatorModel(m.aaguid(), name, m.credentials(), m.synced(), m.credentials() - m.synced(),
                entry.map(MetadataEntry::latestStatus).orElse(null));
    }

    private static int limit(@Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "limit must be 1 to " + MAX_LIMIT);
        }
        return size;
    }

    private static @Nullable UUID aaguidCursor(@Nullable String cursor) {
        if (cursor == null) {
            return null;
        }
        if (!AAGUID_CURSOR.matcher(cursor).matches()) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "cursor is not one this API returned");
        }
        ByteBuffer bytes = ByteBuffer.wrap(HexFormat.of().parseHex(cursor));
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static byte[] credentialCursor(String cursor) {
        if (!CREDENTIAL_CURSOR.matcher(cursor).matches()) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "cursor is not one this API returned");
        }
        return Base64Url.decode(cursor, "cursor");
    }
}
