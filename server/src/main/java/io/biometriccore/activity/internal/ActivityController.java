package io.biometriccore.activity.internal;

import io.biometriccore.activity.ActivityHistory;
import io.biometriccore.activity.ActivityPage;
import io.biometriccore.backend.RequiresScope;
import io.biometriccore.backend.Scope;
import io.biometriccore.identity.Customer;
import io.biometriccore.identity.Customers;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Session;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.ClientApi;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Activity history: the customer's own, with their access token; and a customer's, for the bank's
 * backend with a tenant API key of scope {@code users} (checked by the backend API's interceptor before
 * the handler runs, as {@link RequiresScope} asks).
 */
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}", produces = MediaType.APPLICATION_JSON_VALUE)
class ActivityController {

    private final ActivityHistory history;
    private final Customers customers;

    ActivityController(ActivityHistory history, Customers customers) {
        this.history = history;
        this.customers = customers;
    }

    /** The caller's own activity: the customer is the token's, never a parameter. */
    @ClientApi
    @GetMapping("/me/activity")
    ResponseEntity<ActivityPage> mine(AuthenticatedSession caller,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit) {
        Session own = caller.session();
        return noStore(history.of(own.tenantId(), own.customerId(), cursor, QueryParams.limit(limit)));
    }

    /**
     * A customer's activity, for the bank.
     *
     * @throws ApiException {@code api_key_missing}, {@code api_key_invalid}, {@code api_key_scope_missing},
     *                      then {@code invalid_request} or {@code customer_not_found}
     */
    @RequiresScope(Scope.USERS)
    @GetMapping("/customers/{customerId}/activity")
    ResponseEntity<ActivityPage> customersActivity(@PathVariable String tenantId, @PathVariable String customerId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit) {
        Customer customer = customers.require(tenantId,
                Objects.requireNonNull(QueryParams.uuid(customerId, "customerId")));
        return noStore(history.of(tenantId, customer.id(), cursor, QueryParams.limit(limit)));
    }

    private static ResponseEntity<ActivityPage> noStore(ActivityPage page) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page);
    }
}
