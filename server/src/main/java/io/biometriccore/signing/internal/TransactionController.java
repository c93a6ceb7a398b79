package io.biometriccore.signing.internal;

import io.biometriccore.backend.RequiresScope;
import io.biometriccore.backend.Scope;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The bank backend's transaction routes, behind a tenant API key of scope {@code transactions}
 * (checked by the backend API's interceptor, as {@link RequiresScope} asks); not client routes, so
 * no CORS. And the public JWKS of the evidence keys.
 */
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}", produces = MediaType.APPLICATION_JSON_VALUE)
class TransactionController {

    private final Transactions transactions;
    private final EvidenceBundles bundles;

    TransactionController(Transactions transactions, EvidenceBundles bundles) {
        this.transactions = transactions;
        this.bundles = bundles;
    }

    /** The legal hold as the bank sets it. */
    record LegalHold(@Nullable Boolean hold) {
    }

    @RequiresScope(Scope.TRANSACTIONS)
    @PostMapping(path = "/transactions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TransactionView> register(@PathVariable String tenantId, @RequestBody TransactionRequest request) {
        TransactionView view = transactions.register(tenantId, request);
        return ResponseEntity.created(URI.create("/v1/tenants/" + tenantId + "/transactions/" + view.id()))
                .cacheControl(CacheControl.noStore()).body(view);
    }

    @RequiresScope(Scope.TRANSACTIONS)
    @GetMapping("/transactions/{transactionId}")
    ResponseEntity<TransactionView> view(@PathVariable String tenantId, @PathVariable UUID transactionId) {
        return noStore(transactions.view(tenantId, transactionId));
    }

    @RequiresScope(Scope.TRANSACTIONS)
    @PostMapping("/transactions/{transactionId}/cancel")
    ResponseEntity<TransactionView> cancel(@PathVariable String tenantId, @PathVariable UUID transactionId) {
        return noStore(transactions.cancel(tenantId, transactionId));
    }

    @RequiresScope(Scope.TRANSACTIONS)
    @GetMapping("/transactions/{transactionId}/evidence")
    ResponseEntity<JsonNode> evidence(@PathVariable String tenantId, @PathVariable UUID transactionId) {
        return noStore(bundles.bundle(tenantId, transactionId));
    }

    @RequiresScope(Scope.TRANSACTIONS)
    @PutMapping(path = "/transactions/{transactionId}/legal-hold", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> legalHold(@PathVariable String tenantId, @PathVariable UUID transactionId,
            @RequestBody LegalHold body) {
        if (body.hold() == null) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "hold is required: true or false");
        }
        return noStore(bundles.legalHold(tenantId, transactionId, body.hold()));
    }

    /** Public: the keys an offline verifier needs for this tenant's evidence and tree heads. */
    @GetMapping("/evidence/jwks.json")
    ResponseEntity<Map<String, Object>> jwks(@PathVariable String tenantId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .body(bundles.publishedKeys(tenantId).toJSONObject(true));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
