package io.biometriccore.backend.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biometriccore.backend.ApiKey;
import io.biometriccore.backend.RequiresScope;
import io.biometriccore.backend.Scope;
import io.biometriccore.ceremonies.EnrollmentGrant;
import io.biometriccore.ceremonies.EnrollmentGrants;
import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.credentials.DeviceDetails;
import io.biometriccore.identity.Customer;
import io.biometriccore.identity.Customers;
import io.biometriccore.identity.IdentityProblem;
import io.biometriccore.sessions.RevocationReason;
import io.biometriccore.sessions.Session;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank backend API. Each handler names the scope it needs; {@link ApiKeyInterceptor} has checked
 * the key before the handler runs. Customers, devices and sessions are always looked up within the
 * path's tenant, and devices within the path's customer.
 */
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}", produces = MediaType.APPLICATION_JSON_VALUE)
class BackendController {

    private final Customers customers;
    private final EnrollmentGrants grants;
    private final Credentials credentials;
    private final Sessions sessions;

    BackendController(Customers customers, EnrollmentGrants grants, Credentials credentials, Sessions sessions) {
        this.customers = customers;
        this.grants = grants;
        this.credentials = credentials;
        this.sessions = sessions;
    }

    record CreateCustomer(@Nullable String externalId, @Nullable String username, @Nullable String displayName) {
    }

    /** A customer as the bank sees it. {@code userHandle} is the {@code sub} of the customer's tokens. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CustomerView(UUID id, @Nullable String externalId, String username, String displayName, String userHandle,
            Instant createdAt) {

        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.externalId(), c.username(), c.displayName(), c.userHandle().base64Url(),
                    c.createdAt());
        }
    }

    record Rename(@Nullable String name) {
    }

    record Revoked(int revoked) {
    }

    // Customers

    @RequiresScope(Scope.USERS)
    @PostMapping(path = "/customers", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CustomerView> createCustomer(@PathVariable String tenantId, @RequestBody CreateCustomer body) {
        String externalId = body.externalId() == null ? "" : body.externalId().strip();
        if (externalId.isEmpty() || externalId.length() > 128 || externalId.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "externalId must be 1 to 128 printable characters");
        }
        String username = body.username() == null ? "" : body.username();
        String displayName = body.displayName() == null || body.displayName().isBlank() ? username : body.displayName();
        Customer customer;
        try {
            customer = customers.createForBank(tenantId, externalId, username, displayName);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, e.getMessage());
        }
        return ResponseEntity.created(URI.create("/v1/tenants/" + tenantId + "/customers/" + customer.id()))
                .body(CustomerView.of(customer));
    }

    @RequiresScope(Scope.USERS)
    @GetMapping("/customers")
    CustomerView findCustomer(@PathVariable String tenantId, @RequestParam(required = false) @Nullable String externalId) {
        if (externalId == null || externalId.isBlank()) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "externalId is required");
        }
        return customers.findByExternalId(tenantId, externalId).map(CustomerView::of)
                .orElseThrow(() -> new ApiException(IdentityProblem.CUSTOMER_NOT_FOUND));
    }

    @RequiresScope(Scope.USERS)
    @GetMapping("/customers/{customerId}")
    CustomerView customer(@PathVariable String tenantId, @PathVariable UUID customerId) {
        return CustomerView.of(customers.require(tenantId, customerId));
    }

    /** Removes the customer with their credentials and devices; their sessions are revoked. */
    @RequiresScope(Scope.USERS)
    @DeleteMapping("/customers/{customerId}")
    ResponseEntity<Void> deleteCustomer(@PathVariable String tenantId, @PathVariable UUID customerId) {
        customers.delete(tenantId, customerId);
        return ResponseEntity.noContent().build();
    }

    // Enrollment

    @RequiresScope(Scope.ENROLLMENT)
    @PostMapping("/customers/{customerId}/enrollment-grants")
    ResponseEntity<EnrollmentGrant> issueGrant(@PathVariable String tenantId, @PathVariable UUID customerId,
            @RequestAttribute(ApiKeyInterceptor.API_KEY_ATTRIBUTE) ApiKey key) {
        EnrollmentGrant grant = grants.issue(tenantId, customerId, "api-key:" + key.id());
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(grant);
    }

    // Devices

    @RequiresScope(Scope.DEVICES)
    @GetMapping("/customers/{customerId}/devices")
    List<DeviceDetails> devices(@PathVariable String tenantId, @PathVariable UUID customerId) {
        customers.require(tenantId, customerId);
        return credentials.devices(tenantId, customerId);
    }

    @RequiresScope(Scope.DEVICES)
    @PatchMapping(path = "/customers/{customerId}/devices/{deviceId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    DeviceDetails renameDevice(@PathVariable String tenantId, @PathVariable UUID customerId,
            @PathVariable UUID deviceId, @RequestBody Rename body) {
        return credentials.rename(tenantId, customerId, deviceId, body.name() == null ? "" : body.name());
    }

    @RequiresScope(Scope.DEVICES)
    @PostMapping("/customers/{customerId}/devices/{deviceId}/suspend")
    DeviceDetails suspendDevice(@PathVariable String tenantId, @PathVariable UUID customerId,
            @PathVariable UUID deviceId) {
        return credentials.changeStatus(tenantId, customerId, deviceId, CredentialStatus.SUSPENDED);
    }

    @RequiresScope(Scope.DEVICES)
    @PostMapping("/customers/{customerId}/devices/{deviceId}/resume")
    DeviceDetails resumeDevice(@PathVariable String tenantId, @PathVariable UUID customerId,
            @PathVariable UUID deviceId) {
        return credentials.changeStatus(tenantId, customerId, deviceId, CredentialStatus.ACTIVE);
    }

    @RequiresScope(Scope.DEVICES)
    @PostMapping("/customers/{customerId}/devices/{deviceId}/revoke")
    DeviceDetails revokeDevice(@PathVariable String tenantId, @PathVariable UUID customerId,
            @PathVariable UUID deviceId) {
        return credentials.changeStatus(tenantId, customerId, deviceId, CredentialStatus.REVOKED);
    }

    @RequiresScope(Scope.DEVICES)
    @PostMapping("/customers/{customerId}/devices/revoke-all")
    Revoked revokeAllDevices(@PathVariable String tenantId, @PathVariable UUID customerId) {
        customers.require(tenantId, customerId);
        return new Revoked(credentials.revokeAll(tenantId, customerId));
    }

    // Sessions

    @RequiresScope(Scope.SESSIONS)
    @GetMapping("/customers/{customerId}/sessions")
    List<Session> customerSessions(@PathVariable String tenantId, @PathVariable UUID customerId) {
        customers.require(tenantId, customerId);
        return sessions.listActive(tenantId, customerId);
    }

    @RequiresScope(Scope.SESSIONS)
    @PostMapping("/customers/{customerId}/sessions/revoke-all")
    Revoked revokeCustomerSessions(@PathVariable String tenantId, @PathVariable UUID customerId) {
        customers.require(tenantId, customerId);
        return new Revoked(sessions.revokeForCustomer(tenantId, customerId, RevocationReason.REVOKED_BY_BANK));
    }

    @RequiresScope(Scope.SESSIONS)
    @PostMapping("/sessions/{sessionId}/revoke")
    ResponseEntity<Void> revokeSession(@PathVariable String tenantId, @PathVariable UUID sessionId) {
        sessions.find(tenantId, sessionId).orElseThrow(() -> new ApiException(SessionProblem.SESSION_NOT_FOUND));
        sessions.revoke(tenantId, sessionId, RevocationReason.REVOKED_BY_BANK);
        return ResponseEntity.noContent().build();
    }

    /** RFC 7662: {@code token} as a form parameter; the answer is {@code active} and, if true, the claims. */
    @RequiresScope(Scope.SESSIONS)
    @PostMapping(path = "/introspect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> introspect(@PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String token) {
        if (token == null || token.isBlank()) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "token is required");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(sessions.introspect(tenantId, token));
    }
}
